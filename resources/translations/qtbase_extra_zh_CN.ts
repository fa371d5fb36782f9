<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Strings of Qt 6's own dialogs that Qt's qtbase_zh_CN.qm (shipped with PySide6) lacks: Qt 6 added the
     mnemonic (&L, &T) to these labels, the catalogue still has the Qt 5 texts, so the file dialog showed
     "Look in:" in English. Hand-kept; compiled by scripts/translations.py; loaded after qtbase_zh_CN. -->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>查找范围(&amp;L)：</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>文件类型(&amp;T)：</translation>
        </message>
    </context>
</TS>
