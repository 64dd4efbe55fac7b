# MAMP pre-training model (NTU-60: 8 encoder + 3 decoder blocks, tau 0.80;
# NTU-120 and PKU-MMD: 5 decoder blocks, NTU-120 tau 0.75): 120-frame
# views, 750 tokens of 4 frames x 1 joint, 90 % masked by motion.
model = dict(
    type='MAMPPretrainer',
    backbone=dict(
        type='MAMPEncoder',
        num_frames=120,
        num_person=2,
        layout='nturgb+d',
        embed_dims=256,
        depth=8,
        num_heads=8),
    decoder=dict(embed_dims=256, depth=3, num_heads=8),
    mask_ratio=0.9,
    tau=0.8)
