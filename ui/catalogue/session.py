"""Strings about the session itself (ui/reconnect.py)."""
TEXT = {
    "session.renewed": {
        "en": "The connection to the server was lost, and this page now runs in a new session (the server "
              "was restarted, or you were moved to another one). Your settings are kept; runs you had "
              "trained are gone — start them again if you need them.",
        "zh": "与服务器的连接中断过，本页现在运行在一个新的会话中（服务器重启了，或你被转到了另一台服务器）。"
              "你的设置都还在；之前训练的结果已经丢失，需要的话请重新开始训练。"},
}
