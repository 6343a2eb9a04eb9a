"""Entry point of the dashboard: `streamlit run streamlit_app.py`.

The interactive pages are being built on top of `core`; until they land this page
shows the chapter's flagship result: the book's training run on the embedded data.
"""
import streamlit as st

from core.mnist import load_sample
from core.sgd import Trainer, TrainConfig

TEXT = {
    "en": {
        "title": "How neural networks learn from data",
        "intro": "Chapter 4 of *Deep Learning from Scratch*: loss functions, numerical "
                 "differentiation, gradients and mini-batch SGD, in pure NumPy.",
        "run": "Train the book's network (784-50-10, lr 0.1, batch 100, 2,000 iterations)",
        "result": "Held-out accuracy after {iters} iterations: {acc:.1%} ({seconds:.1f} s)",
        "credit": "Data: 10,000 MNIST digits (Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0).",
    },
    "zh": {
        "title": "神经网络如何从数据中学习",
        "intro": "《深度学习入门：基于 Python 的理论与实现》第 4 章：损失函数、数值微分、梯度与小批量随机梯度下降，纯 NumPy 实现。",
        "run": "训练书中的网络（784-50-10，学习率 0.1，批大小 100，2000 次迭代）",
        "result": "{iters} 次迭代后在留出数据上的识别精度：{acc:.1%}（{seconds:.1f} 秒）",
        "credit": "数据：10000 张 MNIST 手写数字（Y. LeCun、C. Cortes、C. J. C. Burges；CC BY-SA 3.0）。",
    },
}

lang = st.sidebar.radio("Language / 语言", ["en", "zh"], key="lang",
                        format_func=lambda code: {"en": "English", "zh": "简体中文"}[code])
text = TEXT[lang]
st.title(text["title"])
st.markdown(text["intro"])
if st.button(text["run"], key="run_book"):
    history = Trainer(load_sample(), TrainConfig(iters=2000)).run()
    st.line_chart(history.losses[::10], height=220)
    st.success(text["result"].format(iters=history.iters_done, acc=history.test_acc[-1], seconds=history.seconds))
st.caption(text["credit"])
