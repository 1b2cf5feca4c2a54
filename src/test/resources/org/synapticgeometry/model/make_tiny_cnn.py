"""Generates tiny-cnn.pt, the TorchScript fixture of the model tests.

Made with Debian python3-torch 1.13.1 (CPU; torch.__version__ reports 1.13.0a0):
`/usr/bin/python3 make_tiny_cnn.py`. The network reads
1x28x28 images (Fashion-MNIST), has one 3x3 convolution (stride 2), batch norm, ReLU and a
linear classifier to 10 classes. Weights are seeded, untrained. CI does not regenerate it.
"""
import torch
from torch import nn


class TinyCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, kernel_size=3, stride=2)
        self.bn1 = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4 * 13 * 13, 10)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        return self.fc(torch.flatten(x, 1))


if __name__ == "__main__":
    torch.manual_seed(20240127)
    model = TinyCnn().eval()
    scripted = torch.jit.script(model)
    scripted.save("tiny-cnn.pt")
    print("torch", torch.__version__, "params", sum(p.numel() for p in model.parameters()))
