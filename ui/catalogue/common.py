"""Strings shared by every page: app name, navigation, data panel, general messages."""
TEXT = {
    "app.title": {"en": "How neural networks learn from data",
                  "zh": "神经网络如何从数据中学习"},
    "app.short_title": {"en": "Learning from data", "zh": "从数据中学习"},
    "nav.heading": {"en": "Chapter 4, page by page", "zh": "第 4 章导览"},
    "nav.home": {"en": "Overview", "zh": "概览"},
    "nav.loss": {"en": "4.2 Loss functions", "zh": "4.2 损失函数"},
    "nav.derivative": {"en": "4.3 Numerical derivative", "zh": "4.3 数值微分"},
    "nav.gradient": {"en": "4.4 Gradient and descent", "zh": "4.4 梯度与梯度下降"},
    "nav.network": {"en": "4.4.2 Gradient of a network", "zh": "4.4.2 神经网络的梯度"},
    "nav.training": {"en": "4.5 Training on MNIST", "zh": "4.5 在 MNIST 上训练"},
    "nav.sweep": {"en": "4.5+ Learning rate × batch size", "zh": "4.5+ 学习率 × 批大小"},
    "data.heading": {"en": "Data", "zh": "数据"},
    "data.choose": {"en": "Data set", "zh": "数据集"},
    "data.sample": {"en": "Embedded sample (10,000 digits)", "zh": "内置样本（10000 张）"},
    "data.full": {"en": "Full MNIST (70,000 digits)", "zh": "完整 MNIST（70000 张）"},
    "data.status_sample": {
        "en": "In use: embedded sample — {train} training and {test} held-out digits.",
        "zh": "当前：内置样本——{train} 张训练图像，{test} 张留出图像。"},
    "data.status_full": {
        "en": "In use: full MNIST — {train} training and {test} test digits.",
        "zh": "当前：完整 MNIST——{train} 张训练图像，{test} 张测试图像。"},
    "data.status_file": {
        "en": "In use: your own file — {train} training and {test} test digits.",
        "zh": "当前：你自己的数据文件——{train} 张训练图像，{test} 张测试图像。"},
    "data.download": {"en": "Download full MNIST (11 MB)", "zh": "下载完整 MNIST（11 MB）"},
    "data.download_help": {
        "en": "Fetches the four original files once, checks their checksums and keeps them "
              "in your user cache folder. Needs internet.",
        "zh": "只下载一次四个原始文件，校验其校验和后保存在用户缓存目录中。需要联网。"},
    "data.downloading": {"en": "Downloading {name}…", "zh": "正在下载 {name}……"},
    "data.download_failed": {
        "en": "Full MNIST could not be downloaded (no internet, or every mirror failed). "
              "Nothing was kept; the embedded sample stays in use.",
        "zh": "无法下载完整 MNIST（没有网络，或所有镜像都失败了）。没有保存任何不完整的文件；继续使用内置样本。"},
    "common.show_code": {"en": "Show the code", "zh": "查看代码"},
    "common.unexpected": {
        "en": "Something went wrong while drawing this page. Your settings are kept; "
              "change a value or reload the page.",
        "zh": "绘制本页时出了点问题。你的设置已保留；请修改某个数值或刷新页面。"},
    "common.url_bad": {
        "en": "The link's value for “{name}” ({value}) is not allowed here; the default {default} is used.",
        "zh": "链接中“{name}”的值（{value}）在这里不可用，已改用默认值 {default}。"},
    "common.tooltip_value": {"en": "value", "zh": "数值"},
}
