from setuptools import find_packages, setup


def version():
    scope = {}
    with open('umurl_mm/version.py') as f:
        exec(f.read(), scope)
    return scope['__version__']


setup(
    name='umurl_mm',
    version=version(),
    description='UmURL (ACM MM 2023) unified multi-modal skeleton '
    'representation learning as an MMAction2 plugin',
    packages=find_packages(include=['umurl_mm', 'umurl_mm.*']),
    license='Apache License 2.0',
    python_requires='>=3.8',
    install_requires=[
        'torch>=2.1',
        'mmengine>=0.10.0,<0.11',
        'mmcv-lite>=2.0.0,<2.2',
        'mmaction2>=1.1.0,<1.3',
        'numpy',
        'scipy',
    ],
    extras_require=dict(
        tests=['pytest'],
        tools=['matplotlib', 'scikit-learn'],
        # a pair that keeps numpy < 2 (the latest releases pull numpy >= 2)
        onnx=['onnx==1.16.2', 'onnxruntime==1.19.2']),
)
