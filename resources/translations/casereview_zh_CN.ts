<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
    <context>
        <name />
        <message>
            <source>撤销</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>重做</source>
            <translation>重做</translation>
        </message>
        <message>
            <source>导入案卷文件…</source>
            <translation>导入案卷文件…</translation>
        </message>
        <message>
            <source>导入 PDF、DOCX、图片或 ZIP 压缩包</source>
            <translation>导入 PDF、DOCX、图片或 ZIP 压缩包</translation>
        </message>
        <message>
            <source>导入文件夹…</source>
            <translation>导入文件夹…</translation>
        </message>
        <message>
            <source>新建评查活动…</source>
            <translation>新建评查活动…</translation>
        </message>
        <message>
            <source>打开演示评查活动</source>
            <translation>打开演示评查活动</translation>
        </message>
        <message>
            <source>打印评查表…</source>
            <translation>打印评查表…</translation>
        </message>
        <message>
            <source>退出</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>在案卷中查找</source>
            <translation>在案卷中查找</translation>
        </message>
        <message>
            <source>编辑常用扣分理由…</source>
            <translation>编辑常用扣分理由…</translation>
        </message>
        <message>
            <source>案卷列表</source>
            <translation>案卷列表</translation>
        </message>
        <message>
            <source>评查页</source>
            <translation>评查页</translation>
        </message>
        <message>
            <source>适合宽度</source>
            <translation>适合宽度</translation>
        </message>
        <message>
            <source>放大</source>
            <translation>放大</translation>
        </message>
        <message>
            <source>缩小</source>
            <translation>缩小</translation>
        </message>
        <message>
            <source>全屏</source>
            <translation>全屏</translation>
        </message>
        <message>
            <source>评查所选案卷</source>
            <translation>评查所选案卷</translation>
        </message>
        <message>
            <source>下一案卷</source>
            <translation>下一案卷</translation>
        </message>
        <message>
            <source>上一案卷</source>
            <translation>上一案卷</translation>
        </message>
        <message>
            <source>转到评分表</source>
            <translation>转到评分表</translation>
        </message>
        <message>
            <source>提交评查…</source>
            <translation>提交评查…</translation>
        </message>
        <message>
            <source>重新载入评查表</source>
            <translation>重新载入评查表</translation>
        </message>
        <message>
            <source>快捷键与使用说明</source>
            <translation>快捷键与使用说明</translation>
        </message>
        <message>
            <source>关于</source>
            <translation>关于</translation>
        </message>
        <message>
            <source>文件(&amp;F)</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>最近的评查活动</source>
            <translation>最近的评查活动</translation>
        </message>
        <message>
            <source>编辑(&amp;E)</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>视图(&amp;V)</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>评查(&amp;R)</source>
            <translation>评查(&amp;R)</translation>
        </message>
        <message>
            <source>组织(&amp;O)</source>
            <translation>组织(&amp;O)</translation>
        </message>
        <message>
            <source>统计(&amp;S)</source>
            <translation>统计(&amp;S)</translation>
        </message>
        <message>
            <source>帮助(&amp;H)</source>
            <translation>帮助(&amp;H)</translation>
        </message>
    </context>
    <context>
        <name>AddUserDialog</name>
        <message>
            <source>添加评查人员</source>
            <translation>添加评查人员</translation>
        </message>
        <message>
            <source>姓名（登录名）</source>
            <translation>姓名（登录名）</translation>
        </message>
        <message>
            <source>师市/部门，如 第八师/市场监督管理局；律师等可留空</source>
            <translation>师市/部门，如 第八师/市场监督管理局；律师等可留空</translation>
        </message>
        <message>
            <source>姓名：</source>
            <translation>姓名：</translation>
        </message>
        <message>
            <source>角色：</source>
            <translation>角色：</translation>
        </message>
        <message>
            <source>所属单位：</source>
            <translation>所属单位：</translation>
        </message>
        <message>
            <source>添加</source>
            <translation>添加</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>回避按所属单位判断：不会把案卷分配给与被评查单位相同单位的人员。</source>
            <translation>回避按所属单位判断：不会把案卷分配给与被评查单位相同单位的人员。</translation>
        </message>
        <message>
            <source>请填写姓名。</source>
            <translation>请填写姓名。</translation>
        </message>
    </context>
    <context>
        <name>Autosave</name>
        <message>
            <source>未保存：{problem}。评分不再写入数据库，{n} 项修改已暂存在本机。{advice}。</source>
            <translation>未保存：{problem}。评分不再写入数据库，{n} 项修改已暂存在本机。{advice}。</translation>
        </message>
        <message>
            <source>评分没有保存到数据库</source>
            <translation>评分没有保存到数据库</translation>
        </message>
        <message>
            <source>{problem}。

为防止评分写进一个别人看不到的文件，程序已停止向数据库保存。您可以继续评分，所有修改都暂存在本机的日志文件中，不会丢失。

{advice}。</source>
            <translation>{problem}。

为防止评分写进一个别人看不到的文件，程序已停止向数据库保存。您可以继续评分，所有修改都暂存在本机的日志文件中，不会丢失。

{advice}。</translation>
        </message>
        <message>
            <source>已写入数据库 {a} 项；{b} 项数据库中已有。</source>
            <translation>已写入数据库 {a} 项；{b} 项数据库中已有。</translation>
        </message>
        <message>
            <source>{n} 项没有写入：这份评查表在数据库中已被修改（另一台工作站或恢复的备份），为免覆盖，请核对后重新评分。</source>
            <translation>{n} 项没有写入：这份评查表在数据库中已被修改（另一台工作站或恢复的备份），为免覆盖，请核对后重新评分。</translation>
        </message>
        <message>
            <source>未能写入：{file}　{item}：{reason}</source>
            <translation>未能写入：{file}　{item}：{reason}</translation>
        </message>
        <message>
            <source>写回数据库</source>
            <translation>写回数据库</translation>
        </message>
        <message>
            <source>放弃未能写入的修改</source>
            <translation>放弃未能写入的修改</translation>
        </message>
        <message>
            <source>保留在本机日志中</source>
            <translation>保留在本机日志中</translation>
        </message>
    </context>
    <context>
        <name>CalibrationDialog</name>
        <message>
            <source>评查校准 — %1</source>
            <translation>评查校准 — %1</translation>
        </message>
        <message>
            <source>已提交的金标准案卷（选中一行查看逐项差异）：</source>
            <translation>已提交的金标准案卷（选中一行查看逐项差异）：</translation>
        </message>
        <message>
            <source>与金标准不同的评查项及金标准理由：</source>
            <translation>与金标准不同的评查项及金标准理由：</translation>
        </message>
        <message>
            <source>评查尺度漂移（按周）：</source>
            <translation>评查尺度漂移（按周）：</translation>
        </message>
        <message>
            <source>设为金标准</source>
            <translation>设为金标准</translation>
        </message>
        <message>
            <source>评查人员姓名</source>
            <translation>评查人员姓名</translation>
        </message>
        <message>
            <source>分配金标准案卷</source>
            <translation>分配金标准案卷</translation>
        </message>
        <message>
            <source>案卷编号</source>
            <translation>案卷编号</translation>
        </message>
        <message>
            <source>新评查人员</source>
            <translation>新评查人员</translation>
        </message>
        <message>
            <source>金标准案卷 %1 件，已提交的校准评查 %2 份。</source>
            <translation>金标准案卷 %1 件，已提交的校准评查 %2 份。</translation>
        </message>
        <message>
            <source>（无）</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>金标准案卷现有 %1 件。</source>
            <translation>金标准案卷现有 %1 件。</translation>
        </message>
        <message>
            <source>已分配 %1 件金标准案卷。</source>
            <translation>已分配 %1 件金标准案卷。</translation>
        </message>
    </context>
    <context>
        <name>CaseListWidget</name>
        <message>
            <source>全文检索（页面文字，回车）</source>
            <translation>全文检索（页面文字，回车）</translation>
        </message>
        <message>
            <source>只看分配给我的</source>
            <translation>只看分配给我的</translation>
        </message>
        <message>
            <source>（未选择评查活动）</source>
            <translation>（未选择评查活动）</translation>
        </message>
        <message>
            <source>本评查活动已分配给您 {n} 份案卷</source>
            <translation>本评查活动已分配给您 {n} 份案卷</translation>
        </message>
        <message>
            <source>本评查活动尚未抽样分配</source>
            <translation>本评查活动尚未抽样分配</translation>
        </message>
        <message>
            <source>显示 {shown} / 共 {total} 份案卷</source>
            <translation>显示 {shown} / 共 {total} 份案卷</translation>
        </message>
        <message>
            <source>（全文检索命中 {n} 处）</source>
            <translation>（全文检索命中 {n} 处）</translation>
        </message>
    </context>
    <context>
        <name>DashboardDialog</name>
        <message>
            <source>统计看板 — %s</source>
            <translation>统计看板 — %s</translation>
        </message>
        <message>
            <source>单位（师市/部门）或师市</source>
            <translation>单位（师市/部门）或师市</translation>
        </message>
        <message>
            <source>评查人员</source>
            <translation>评查人员</translation>
        </message>
        <message>
            <source>刷新</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>筛选：</source>
            <translation>筛选：</translation>
        </message>
        <message>
            <source>等次分布（件）</source>
            <translation>等次分布（件）</translation>
        </message>
        <message>
            <source>各单位平均分</source>
            <translation>各单位平均分</translation>
        </message>
    </context>
    <context>
        <name>DossierPanel</name>
        <message>
            <source>问题</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>要素</source>
            <translation>要素</translation>
        </message>
        <message>
            <source>文书</source>
            <translation>文书</translation>
        </message>
        <message>
            <source>问题 ({n})</source>
            <translation>问题 ({n})</translation>
        </message>
    </context>
    <context>
        <name>GoldComparisonDialog</name>
        <message>
            <source>校准对照 — %1</source>
            <translation>校准对照 — %1</translation>
        </message>
        <message>
            <source>本案卷是金标准案卷。您的得分 %1（%2），金标准 %3（%4）；%5 项中 %6 项与金标准不同，一致率 %7。</source>
            <translation>本案卷是金标准案卷。您的得分 %1（%2），金标准 %3（%4）；%5 项中 %6 项与金标准不同，一致率 %7。</translation>
        </message>
        <message>
            <source>（无）</source>
            <translation>（无）</translation>
        </message>
    </context>
    <context>
        <name>ImportOptionsDialog</name>
        <message>
            <source>导入案卷 — {name}</source>
            <translation>导入案卷 — {name}</translation>
        </message>
        <message>
            <source>导入到评查活动“{c}”：{n} 项（{names}）</source>
            <translation>导入到评查活动“{c}”：{n} 项（{names}）</translation>
        </message>
        <message>
            <source>不指定</source>
            <translation>不指定</translation>
        </message>
        <message>
            <source>全部案卷属于：</source>
            <translation>全部案卷属于：</translation>
        </message>
        <message>
            <source>按文件夹确定</source>
            <translation>按文件夹确定</translation>
        </message>
        <message>
            <source>选择或输入，如 第八师/石河子市市场监督管理局</source>
            <translation>选择或输入，如 第八师/石河子市市场监督管理局</translation>
        </message>
        <message>
            <source>被评查单位</source>
            <translation>被评查单位</translation>
        </message>
        <message>
            <source>开始导入</source>
            <translation>开始导入</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>请选择或输入被评查单位，或选“不指定”。</source>
            <translation>请选择或输入被评查单位，或选“不指定”。</translation>
        </message>
    </context>
    <context>
        <name>ImportProgressArea</name>
        <message>
            <source>取消</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>停止导入：正在保存的案卷保存完，其余不导入（不会留下半条记录）</source>
            <translation>停止导入：正在保存的案卷保存完，其余不导入（不会留下半条记录）</translation>
        </message>
        <message>
            <source>详情…</source>
            <translation>详情…</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>导入“{c}”：准备中（{n} 项）</source>
            <translation>导入“{c}”：准备中（{n} 项）</translation>
        </message>
        <message>
            <source>{n} / {total}</source>
            <translation>{n} / {total}</translation>
        </message>
        <message>
            <source>导入 {count}　{stage}</source>
            <translation>导入 {count}　{stage}</translation>
        </message>
        <message>
            <source>（另有 {n} 批等待）</source>
            <translation>（另有 {n} 批等待）</translation>
        </message>
        <message>
            <source>正在取消导入……（已导入的案卷会保留，未完成的不会留下半条记录）</source>
            <translation>正在取消导入……（已导入的案卷会保留，未完成的不会留下半条记录）</translation>
        </message>
        <message>
            <source>导入结束：</source>
            <translation>导入结束：</translation>
        </message>
        <message>
            <source>导入失败：{reason}</source>
            <translation>导入失败：{reason}</translation>
        </message>
    </context>
    <context>
        <name>ImportResultDialog</name>
        <message>
            <source>导入结果 — {name}</source>
            <translation>导入结果 — {name}</translation>
        </message>
        <message>
            <source>已导入，未能按文件夹确定被评查单位</source>
            <translation>已导入，未能按文件夹确定被评查单位</translation>
        </message>
        <message>
            <source>文件</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>原因</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>ItemEditor</name>
        <message>
            <source> 分</source>
            <translation type="unfinished"> 分</translation>
        </message>
        <message>
            <source>扣分理由（Ctrl+1…9 常用语，回车保存并到下一项）</source>
            <translation>扣分理由（Ctrl+1…9 常用语，回车保存并到下一项）</translation>
        </message>
        <message>
            <source>确认 (Enter)</source>
            <translation type="unfinished">确认 (Enter)</translation>
        </message>
        <message>
            <source>恢复自动值 (Del)</source>
            <translation>恢复自动值 (Del)</translation>
        </message>
        <message>
            <source>常用语…</source>
            <translation type="unfinished">常用语…</translation>
        </message>
        <message>
            <source>提交评查 (Ctrl+Enter)</source>
            <translation type="unfinished">提交评查 (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>扣分</source>
            <translation type="unfinished">扣分</translation>
        </message>
    </context>
    <context>
        <name>LedgerWindow</name>
        <message>
            <source>整改台账 — %s</source>
            <translation>整改台账 — %s</translation>
        </message>
        <message>
            <source>全部状态</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>查找：案号、单位、问题描述…</source>
            <translation>查找：案号、单位、问题描述…</translation>
        </message>
        <message>
            <source>说明：整改情况（报已整改待复核时）、无法整改的原因</source>
            <translation>说明：整改情况（报已整改待复核时）、无法整改的原因</translation>
        </message>
        <message>
            <source>复核人（销号时必填）</source>
            <translation>复核人（销号时必填）</translation>
        </message>
        <message>
            <source>整改措施</source>
            <translation>整改措施</translation>
        </message>
        <message>
            <source>责任单位</source>
            <translation>责任单位</translation>
        </message>
        <message>
            <source>责任人</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>保存所选行的整改信息</source>
            <translation>保存所选行的整改信息</translation>
        </message>
        <message>
            <source>添加佐证材料…</source>
            <translation>添加佐证材料…</translation>
        </message>
        <message>
            <source>设置所选行状态</source>
            <translation>设置所选行状态</translation>
        </message>
        <message>
            <source>设定整改期限</source>
            <translation>设定整改期限</translation>
        </message>
        <message>
            <source>屏蔽个人信息</source>
            <translation>屏蔽个人信息</translation>
        </message>
        <message>
            <source>导出台账…</source>
            <translation>导出台账…</translation>
        </message>
        <message>
            <source>刷新</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>筛选：</source>
            <translation>筛选：</translation>
        </message>
        <message>
            <source>所选行改为：</source>
            <translation>所选行改为：</translation>
        </message>
        <message>
            <source>所选一行：</source>
            <translation>所选一行：</translation>
        </message>
        <message>
            <source>整改期限：</source>
            <translation>整改期限：</translation>
        </message>
        <message>
            <source>正在读取整改台账…</source>
            <translation>正在读取整改台账…</translation>
        </message>
        <message>
            <source>共 %d 条（与评查结果一致）；期限已过仍未整改的问题显示为“逾期”。</source>
            <translation>共 %d 条（与评查结果一致）；期限已过仍未整改的问题显示为“逾期”。</translation>
        </message>
        <message>
            <source>更新整改状态和期限</source>
            <translation>更新整改状态和期限</translation>
        </message>
        <message>
            <source>全部单位</source>
            <translation>全部单位</translation>
        </message>
        <message>
            <source>%s（全部）</source>
            <translation>%s（全部）</translation>
        </message>
        <message>
            <source>全部未整改的问题</source>
            <translation>全部未整改的问题</translation>
        </message>
        <message>
            <source>仅 %s</source>
            <translation>仅 %s</translation>
        </message>
        <message>
            <source>显示 %d / 共 %d 条</source>
            <translation>显示 %d / 共 %d 条</translation>
        </message>
        <message>
            <source>请先在表中选择要设置的问题行（可按住 Ctrl 或 Shift 多选）。</source>
            <translation>请先在表中选择要设置的问题行（可按住 Ctrl 或 Shift 多选）。</translation>
        </message>
        <message>
            <source>已将 %d 行设为“%s”。</source>
            <translation>已将 %d 行设为“%s”。</translation>
        </message>
        <message>
            <source>请在表中只选择一行。</source>
            <translation>请在表中只选择一行。</translation>
        </message>
        <message>
            <source>请填写整改措施、责任单位或责任人。</source>
            <translation>请填写整改措施、责任单位或责任人。</translation>
        </message>
        <message>
            <source>已保存第 %d 行的整改信息。</source>
            <translation>已保存第 %d 行的整改信息。</translation>
        </message>
        <message>
            <source>添加佐证材料</source>
            <translation>添加佐证材料</translation>
        </message>
        <message>
            <source>已保存佐证材料：%s</source>
            <translation>已保存佐证材料：%s</translation>
        </message>
        <message>
            <source>%s：%d 行整改期限设为 %s。</source>
            <translation>%s：%d 行整改期限设为 %s。</translation>
        </message>
        <message>
            <source>导出台账</source>
            <translation>导出台账</translation>
        </message>
        <message>
            <source>已导出：%s</source>
            <translation>已导出：%s</translation>
        </message>
        <message>
            <source>操作未完成：%s</source>
            <translation>操作未完成：%s</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>案卷评查工作站</source>
            <translation>案卷评查工作站</translation>
        </message>
        <message>
            <source>当前评查活动</source>
            <translation>当前评查活动</translation>
        </message>
        <message>
            <source>评查人：{u}　数据库：{db}</source>
            <translation>评查人：{u}　数据库：{db}</translation>
        </message>
        <message>
            <source>还有评分没有写入数据库</source>
            <translation>还有评分没有写入数据库</translation>
        </message>
        <message>
            <source>{n} 项修改只暂存在本机的日志文件中，还没有写入数据库（{problem}）。

退出后这些修改不会丢失：下次启动时程序会列出它们并提示写回数据库。也可以先不退出，按状态栏的提示恢复数据库。</source>
            <translation>{n} 项修改只暂存在本机的日志文件中，还没有写入数据库（{problem}）。

退出后这些修改不会丢失：下次启动时程序会列出它们并提示写回数据库。也可以先不退出，按状态栏的提示恢复数据库。</translation>
        </message>
        <message>
            <source>退出（下次启动时写回）</source>
            <translation>退出（下次启动时写回）</translation>
        </message>
        <message>
            <source>不退出</source>
            <translation>不退出</translation>
        </message>
        <message>
            <source>新建评查活动</source>
            <translation>新建评查活动</translation>
        </message>
        <message>
            <source>评查活动名称：</source>
            <translation>评查活动名称：</translation>
        </message>
        <message>
            <source>欢迎使用案卷评查工作站</source>
            <translation>欢迎使用案卷评查工作站</translation>
        </message>
        <message>
            <source>数据库中还没有评查活动。
要打开内置的演示评查活动（几份生成的示例案卷）看看吗？</source>
            <translation>数据库中还没有评查活动。
要打开内置的演示评查活动（几份生成的示例案卷）看看吗？</translation>
        </message>
        <message>
            <source>打开演示</source>
            <translation>打开演示</translation>
        </message>
        <message>
            <source>以后再说</source>
            <translation>以后再说</translation>
        </message>
        <message>
            <source>演示评查活动</source>
            <translation>演示评查活动</translation>
        </message>
        <message>
            <source>没有找到演示案卷（{d}）。</source>
            <translation>没有找到演示案卷（{d}）。</translation>
        </message>
        <message>
            <source>导入案卷</source>
            <translation>导入案卷</translation>
        </message>
        <message>
            <source>案卷文件 ({patterns});;所有文件 (*)</source>
            <translation>案卷文件 ({patterns});;所有文件 (*)</translation>
        </message>
        <message>
            <source>导入文件夹中的全部案卷</source>
            <translation>导入文件夹中的全部案卷</translation>
        </message>
        <message>
            <source>请先新建或选择一个评查活动。</source>
            <translation>请先新建或选择一个评查活动。</translation>
        </message>
        <message>
            <source>已经是最后一份案卷</source>
            <translation>已经是最后一份案卷</translation>
        </message>
        <message>
            <source>已经是第一份案卷</source>
            <translation>已经是第一份案卷</translation>
        </message>
        <message>
            <source>已自动保存 {t}</source>
            <translation>已自动保存 {t}</translation>
        </message>
        <message>
            <source>保存中…</source>
            <translation>保存中…</translation>
        </message>
        <message>
            <source>数据库已恢复，自动保存继续</source>
            <translation>数据库已恢复，自动保存继续</translation>
        </message>
        <message>
            <source>关于</source>
            <translation>关于</translation>
        </message>
        <message>
            <source>案卷评查工作站 casereview
行政执法案卷评查（AGPL-3.0-or-later）</source>
            <translation>案卷评查工作站 casereview
行政执法案卷评查（AGPL-3.0-or-later）</translation>
        </message>
    </context>
    <context>
        <name>ObjectionDialog</name>
        <message>
            <source>异议登记与答复 — %1</source>
            <translation>异议登记与答复 — %1</translation>
        </message>
        <message>
            <source>登记异议（被评查单位对定稿结果某一评查项的异议）</source>
            <translation>登记异议（被评查单位对定稿结果某一评查项的异议）</translation>
        </message>
        <message>
            <source>评查项编号或名称，如 law.discretion</source>
            <translation>评查项编号或名称，如 law.discretion</translation>
        </message>
        <message>
            <source>默认：案卷所属单位</source>
            <translation>默认：案卷所属单位</translation>
        </message>
        <message>
            <source>无附件</source>
            <translation>无附件</translation>
        </message>
        <message>
            <source>添加附件…</source>
            <translation>添加附件…</translation>
        </message>
        <message>
            <source>登记</source>
            <translation>登记</translation>
        </message>
        <message>
            <source>案卷编号</source>
            <translation>案卷编号</translation>
        </message>
        <message>
            <source>评查项</source>
            <translation type="unfinished">评查项</translation>
        </message>
        <message>
            <source>提出单位</source>
            <translation>提出单位</translation>
        </message>
        <message>
            <source>异议理由</source>
            <translation>异议理由</translation>
        </message>
        <message>
            <source>附件</source>
            <translation>附件</translation>
        </message>
        <message>
            <source>答复所选异议</source>
            <translation>答复所选异议</translation>
        </message>
        <message>
            <source>异议成立</source>
            <translation>异议成立</translation>
        </message>
        <message>
            <source>异议不成立</source>
            <translation>异议不成立</translation>
        </message>
        <message>
            <source>改动该项扣分为</source>
            <translation>改动该项扣分为</translation>
        </message>
        <message>
            <source>答复</source>
            <translation>答复</translation>
        </message>
        <message>
            <source>结论</source>
            <translation>结论</translation>
        </message>
        <message>
            <source>扣分</source>
            <translation type="unfinished">扣分</translation>
        </message>
        <message>
            <source>答复意见</source>
            <translation>答复意见</translation>
        </message>
        <message>
            <source>选择异议附件</source>
            <translation>选择异议附件</translation>
        </message>
        <message>
            <source>（改扣 %1 分）</source>
            <translation>（改扣 %1 分）</translation>
        </message>
        <message>
            <source>共 %1 件异议，待答复 %2 件。</source>
            <translation>共 %1 件异议，待答复 %2 件。</translation>
        </message>
        <message>
            <source>已登记异议 %1。</source>
            <translation>已登记异议 %1。</translation>
        </message>
        <message>
            <source>已答复异议 %1：%2。</source>
            <translation>已答复异议 %1：%2。</translation>
        </message>
    </context>
    <context>
        <name>PhraseDialog</name>
        <message>
            <source>常用扣分理由 — {title}</source>
            <translation>常用扣分理由 — {title}</translation>
        </message>
        <message>
            <source>内置常用语（编号固定）：{list}</source>
            <translation>内置常用语（编号固定）：{list}</translation>
        </message>
        <message>
            <source>（无）</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>我的常用语（每行一条，编号接在内置常用语之后；前 9 条可用 Ctrl+1 … Ctrl+9 填入）：</source>
            <translation>我的常用语（每行一条，编号接在内置常用语之后；前 9 条可用 Ctrl+1 … Ctrl+9 填入）：</translation>
        </message>
    </context>
    <context>
        <name>QueueDialog</name>
        <message>
            <source>导入作业队列 — %1</source>
            <translation>导入作业队列 — %1</translation>
        </message>
        <message>
            <source>正在读取队列……</source>
            <translation>正在读取队列……</translation>
        </message>
        <message>
            <source>作业进程</source>
            <translation>作业进程</translation>
        </message>
        <message>
            <source>计算机</source>
            <translation>计算机</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>已完成</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>正在处理</source>
            <translation>正在处理</translation>
        </message>
        <message>
            <source>文件</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>结果</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>原因</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>作业进程（各工作站运行 casereview worker）：</source>
            <translation>作业进程（各工作站运行 casereview worker）：</translation>
        </message>
        <message>
            <source>未能导入的文件：</source>
            <translation>未能导入的文件：</translation>
        </message>
        <message>
            <source>作业队列只用于团队的 PostgreSQL 数据库；本机 SQLite 数据库请直接导入。</source>
            <translation>作业队列只用于团队的 PostgreSQL 数据库；本机 SQLite 数据库请直接导入。</translation>
        </message>
        <message>
            <source>共 %1 个文件，已完成 %2 个：</source>
            <translation>共 %1 个文件，已完成 %2 个：</translation>
        </message>
        <message>
            <source>在线</source>
            <translation>在线</translation>
        </message>
        <message>
            <source>离线</source>
            <translation>离线</translation>
        </message>
    </context>
    <context>
        <name>ReconcileDialog</name>
        <message>
            <source>合议定稿 — %s</source>
            <translation>合议定稿 — %s</translation>
        </message>
        <message>
            <source>取A（A）</source>
            <translation>取A（A）</translation>
        </message>
        <message>
            <source>取B（B）</source>
            <translation>取B（B）</translation>
        </message>
        <message>
            <source>查看案卷证据</source>
            <translation>查看案卷证据</translation>
        </message>
        <message>
            <source>重新载入</source>
            <translation>重新载入</translation>
        </message>
        <message>
            <source>定稿</source>
            <translation>定稿</translation>
        </message>
        <message>
            <source>按评查项目（默认按一致率升序：分歧最多的在前）</source>
            <translation>按评查项目（默认按一致率升序：分歧最多的在前）</translation>
        </message>
        <message>
            <source>按评查人员（严格度 = 本人平均扣分 − 全体平均扣分，正数为偏严）</source>
            <translation>按评查人员（严格度 = 本人平均扣分 − 全体平均扣分，正数为偏严）</translation>
        </message>
        <message>
            <source>合议定稿</source>
            <translation>合议定稿</translation>
        </message>
        <message>
            <source>一致性</source>
            <translation>一致性</translation>
        </message>
        <message>
            <source>正在读取待定稿的案卷…</source>
            <translation>正在读取待定稿的案卷…</translation>
        </message>
        <message>
            <source>（单人）</source>
            <translation>（单人）</translation>
        </message>
        <message>
            <source>另有 %d 件等待第二人提交。</source>
            <translation>另有 %d 件等待第二人提交。</translation>
        </message>
        <message>
            <source>待定稿 %d 件：双人评查 %d 件，单人评查 %d 件。</source>
            <translation>待定稿 %d 件：双人评查 %d 件，单人评查 %d 件。</translation>
        </message>
        <message>
            <source>没有待定稿的案卷。</source>
            <translation>没有待定稿的案卷。</translation>
        </message>
        <message>
            <source>%s：A %s 合计 %g 分（%s），B %s 合计 %g 分（%s）；%d 项不一致（含否决项），逐项裁定后定稿（A / B 键取该评查人的意见，双击“裁定”可输入分值，否决项为 1 否决、0 不否决）。</source>
            <translation>%s：A %s 合计 %g 分（%s），B %s 合计 %g 分（%s）；%d 项不一致（含否决项），逐项裁定后定稿（A / B 键取该评查人的意见，双击“裁定”可输入分值，否决项为 1 否决、0 不否决）。</translation>
        </message>
        <message>
            <source>%s：单人评查（%s），合计 %g 分（%s），无需合议；确认后定稿。</source>
            <translation>%s：单人评查（%s），合计 %g 分（%s），无需合议；确认后定稿。</translation>
        </message>
        <message>
            <source>双人评查案卷 %d 件。kappa 为“扣分 / 不扣分”判断的 Cohen's kappa，两人始终同一判断时无定义，显示为“—”。</source>
            <translation>双人评查案卷 %d 件。kappa 为“扣分 / 不扣分”判断的 Cohen's kappa，两人始终同一判断时无定义，显示为“—”。</translation>
        </message>
        <message>
            <source>请填写裁定理由（扣分的项目须写明理由）：%s</source>
            <translation>请填写裁定理由（扣分的项目须写明理由）：%s</translation>
        </message>
        <message>
            <source>已定稿：%s，最终得分 %g 分（%s）。</source>
            <translation>已定稿：%s，最终得分 %g 分（%s）。</translation>
        </message>
        <message>
            <source>未能读取：</source>
            <translation>未能读取：</translation>
        </message>
        <message>
            <source>未能定稿：</source>
            <translation>未能定稿：</translation>
        </message>
    </context>
    <context>
        <name>ReplayDialog</name>
        <message>
            <source>有未写入数据库的评分</source>
            <translation>有未写入数据库的评分</translation>
        </message>
        <message>
            <source>本机日志中有 {n} 项评分修改没有写入数据库（{k} 份案卷）。上次可能是程序意外退出，或数据库文件被移走、替换。
写入时会核对评查表的版本：评查表在此期间被修改过的，不会覆盖，而是列出来请您核对。</source>
            <translation>本机日志中有 {n} 项评分修改没有写入数据库（{k} 份案卷）。上次可能是程序意外退出，或数据库文件被移走、替换。
写入时会核对评查表的版本：评查表在此期间被修改过的，不会覆盖，而是列出来请您核对。</translation>
        </message>
        <message>
            <source>时间</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>案卷</source>
            <translation>案卷</translation>
        </message>
        <message>
            <source>评查项</source>
            <translation>评查项</translation>
        </message>
        <message>
            <source>修改</source>
            <translation>修改</translation>
        </message>
        <message>
            <source>扣分理由</source>
            <translation>扣分理由</translation>
        </message>
        <message>
            <source>恢复自动评分</source>
            <translation>恢复自动评分</translation>
        </message>
        <message>
            <source>扣 {d:g} 分</source>
            <translation>扣 {d:g} 分</translation>
        </message>
        <message>
            <source>写入数据库</source>
            <translation>写入数据库</translation>
        </message>
        <message>
            <source>以后再说</source>
            <translation>以后再说</translation>
        </message>
    </context>
    <context>
        <name>ReportsDialog</name>
        <message>
            <source>报表导出与打印 — %s</source>
            <translation>报表导出与打印 — %s</translation>
        </message>
        <message>
            <source>屏蔽个人信息（身份证号、住址、电话、银行账号、当事人以外的自然人姓名）</source>
            <translation>屏蔽个人信息（身份证号、住址、电话、银行账号、当事人以外的自然人姓名）</translation>
        </message>
        <message>
            <source>评查表每卷一个文件</source>
            <translation>评查表每卷一个文件</translation>
        </message>
        <message>
            <source>整改期限以台账为准；此日期只用于台账中没有期限的问题</source>
            <translation>整改期限以台账为准；此日期只用于台账中没有期限的问题</translation>
        </message>
        <message>
            <source>（读取中…）</source>
            <translation>（读取中…）</translation>
        </message>
        <message>
            <source>打印预览…</source>
            <translation>打印预览…</translation>
        </message>
        <message>
            <source>导出…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <source>报表</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>格式</source>
            <translation>格式</translation>
        </message>
        <message>
            <source>发文单位</source>
            <translation>发文单位</translation>
        </message>
        <message>
            <source>台账无期限时</source>
            <translation>台账无期限时</translation>
        </message>
        <message>
            <source>发文设置</source>
            <translation>发文设置</translation>
        </message>
        <message>
            <source>发文机关标志：%s
通报文号：%s　意见书文号：%s〔年〕N号
主送：%s
抄送：%s</source>
            <translation>发文机关标志：%s
通报文号：%s　意见书文号：%s〔年〕N号
主送：%s
抄送：%s</translation>
        </message>
        <message>
            <source>（未设置）</source>
            <translation>（未设置）</translation>
        </message>
        <message>
            <source>无</source>
            <translation type="unfinished">无</translation>
        </message>
        <message>
            <source>选择保存评查表的文件夹</source>
            <translation>选择保存评查表的文件夹</translation>
        </message>
        <message>
            <source>导出报表</source>
            <translation>导出报表</translation>
        </message>
        <message>
            <source>导出完成</source>
            <translation>导出完成</translation>
        </message>
        <message>
            <source>已生成 %d 个文件：
%s</source>
            <translation>已生成 %d 个文件：
%s</translation>
        </message>
    </context>
    <context>
        <name>ReviewPage</name>
        <message>
            <source>评分表</source>
            <translation>评分表</translation>
        </message>
        <message>
            <source>评查表已被他人修改</source>
            <translation>评查表已被他人修改</translation>
        </message>
        <message>
            <source>另一位评查人员或另一台工作站刚刚保存了这份评查表，您最近的修改没有保存。
请重新载入最新内容后再继续评分。</source>
            <translation>另一位评查人员或另一台工作站刚刚保存了这份评查表，您最近的修改没有保存。
请重新载入最新内容后再继续评分。</translation>
        </message>
        <message>
            <source>重新载入</source>
            <translation>重新载入</translation>
        </message>
        <message>
            <source>稍后</source>
            <translation>稍后</translation>
        </message>
    </context>
    <context>
        <name>SamplingDialog</name>
        <message>
            <source>抽样与分配 — {name}</source>
            <translation>抽样与分配 — {name}</translation>
        </message>
        <message>
            <source>预览</source>
            <translation>预览</translation>
        </message>
        <message>
            <source>确定分配</source>
            <translation>确定分配</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>抽样（按被评查单位分层，单位内按案件类别分配）</source>
            <translation>抽样（按被评查单位分层，单位内按案件类别分配）</translation>
        </message>
        <message>
            <source>每单位抽取</source>
            <translation>每单位抽取</translation>
        </message>
        <message>
            <source>每单位按比例</source>
            <translation>每单位按比例</translation>
        </message>
        <message>
            <source> 件</source>
            <translation> 件</translation>
        </message>
        <message>
            <source>随机种子</source>
            <translation>随机种子</translation>
        </message>
        <message>
            <source>可复制；输入以前的种子即可重现当时的抽样</source>
            <translation>可复制；输入以前的种子即可重现当时的抽样</translation>
        </message>
        <message>
            <source>换一个</source>
            <translation>换一个</translation>
        </message>
        <message>
            <source>评查人员（勾选参加本次评查的人员）</source>
            <translation>评查人员（勾选参加本次评查的人员）</translation>
        </message>
        <message>
            <source>添加评查人员…</source>
            <translation>添加评查人员…</translation>
        </message>
        <message>
            <source>分配</source>
            <translation>分配</translation>
        </message>
        <message>
            <source>每卷 1 人</source>
            <translation>每卷 1 人</translation>
        </message>
        <message>
            <source>每卷 2 人（交叉评查，之后合议定稿）</source>
            <translation>每卷 2 人（交叉评查，之后合议定稿）</translation>
        </message>
        <message>
            <source>盲评（对评查人员隐藏被评查单位和执法人员姓名）</source>
            <translation>盲评（对评查人员隐藏被评查单位和执法人员姓名）</translation>
        </message>
        <message>
            <source>{role}，所属单位：{unit}</source>
            <translation>{role}，所属单位：{unit}</translation>
        </message>
        <message>
            <source>无</source>
            <translation>无</translation>
        </message>
        <message>
            <source>数据库中还没有用户：请先点“添加评查人员…”。</source>
            <translation>数据库中还没有用户：请先点“添加评查人员…”。</translation>
        </message>
        <message>
            <source>请填写随机种子（数字），或点“换一个”。</source>
            <translation>请填写随机种子（数字），或点“换一个”。</translation>
        </message>
        <message>
            <source>请在左侧勾选评查人员。</source>
            <translation>请在左侧勾选评查人员。</translation>
        </message>
        <message>
            <source>请先勾选评查人员。</source>
            <translation>请先勾选评查人员。</translation>
        </message>
        <message>
            <source>按种子 {seed} 抽样并分配给 {n} 名评查人员{blind}？
保存后写入审计日志，已保存的分配不能在此撤销。</source>
            <translation>按种子 {seed} 抽样并分配给 {n} 名评查人员{blind}？
保存后写入审计日志，已保存的分配不能在此撤销。</translation>
        </message>
        <message>
            <source>（盲评）</source>
            <translation>（盲评）</translation>
        </message>
        <message>
            <source>已保存：抽取 {n} 份，种子 {seed}（已记入审计日志）。</source>
            <translation>已保存：抽取 {n} 份，种子 {seed}（已记入审计日志）。</translation>
        </message>
        <message>
            <source>未能完成：{reason}</source>
            <translation>未能完成：{reason}</translation>
        </message>
    </context>
    <context>
        <name>ScoreSheet</name>
        <message>
            <source>未打开评查</source>
            <translation>未打开评查</translation>
        </message>
        <message>
            <source>&lt;b style='color:#b91c1c'&gt;（否决）&lt;/b&gt;</source>
            <translation>&lt;b style='color:#b91c1c'&gt;（否决）&lt;/b&gt;</translation>
        </message>
        <message>
            <source>评查中</source>
            <translation>评查中</translation>
        </message>
        <message>
            <source>已提交（已锁定）</source>
            <translation>已提交（已锁定）</translation>
        </message>
        <message>
            <source>已定稿</source>
            <translation>已定稿</translation>
        </message>
        <message>
            <source>&lt;span style='font-size:13pt'&gt;得分 &lt;b&gt;{total:g}&lt;/b&gt; / {max:g}　等次 &lt;b&gt;{grade}&lt;/b&gt;{veto}&lt;/span&gt;　{status}　已确认 {scored}/{count} 项</source>
            <translation>&lt;span style='font-size:13pt'&gt;得分 &lt;b&gt;{total:g}&lt;/b&gt; / {max:g}　等次 &lt;b&gt;{grade}&lt;/b&gt;{veto}&lt;/span&gt;　{status}　已确认 {scored}/{count} 项</translation>
        </message>
        <message>
            <source>已确认</source>
            <translation>已确认</translation>
        </message>
        <message>
            <source>未确认</source>
            <translation>未确认</translation>
        </message>
        <message>
            <source>建议扣 {n:g} 分</source>
            <translation>建议扣 {n:g} 分</translation>
        </message>
        <message>
            <source>建议不扣分</source>
            <translation>建议不扣分</translation>
        </message>
        <message>
            <source>无自动检查，请人工判断</source>
            <translation>无自动检查，请人工判断</translation>
        </message>
        <message>
            <source>&lt;b&gt;{title}&lt;/b&gt;（{points:g} 分，可扣 0–{high:g} 分）　{state}　{proposal}{msg}</source>
            <translation>&lt;b&gt;{title}&lt;/b&gt;（{points:g} 分，可扣 0–{high:g} 分）　{state}　{proposal}{msg}</translation>
        </message>
        <message>
            <source>恢复自动值</source>
            <translation>恢复自动值</translation>
        </message>
        <message>
            <source>本项没有自动发现的证据页</source>
            <translation>本项没有自动发现的证据页</translation>
        </message>
        <message>
            <source>填写理由</source>
            <translation>填写理由</translation>
        </message>
        <message>
            <source>确认</source>
            <translation>确认</translation>
        </message>
        <message>
            <source>修改扣分</source>
            <translation>修改扣分</translation>
        </message>
    </context>
    <context>
        <name>SubmitDialog</name>
        <message>
            <source>提交评查</source>
            <translation type="unfinished">提交评查</translation>
        </message>
        <message>
            <source>得分 {total:g}，等次 {grade}。已确认 {done}/{count} 项。</source>
            <translation>得分 {total:g}，等次 {grade}。已确认 {done}/{count} 项。</translation>
        </message>
        <message>
            <source>提交后本评查表将被锁定，不能再修改。</source>
            <translation>提交后本评查表将被锁定，不能再修改。</translation>
        </message>
        <message>
            <source>转到第一个未确认项</source>
            <translation>转到第一个未确认项</translation>
        </message>
        <message>
            <source>其余 {n} 项确认为不扣分并提交</source>
            <translation>其余 {n} 项确认为不扣分并提交</translation>
        </message>
        <message>
            <source>返回评查</source>
            <translation>返回评查</translation>
        </message>
        <message>
            <source>{t}（自动扣 {n:g} 分，请逐项确认）</source>
            <translation>{t}（自动扣 {n:g} 分，请逐项确认）</translation>
        </message>
        <message>
            <source>{t}（否决项适用，请逐项确认）</source>
            <translation>{t}（否决项适用，请逐项确认）</translation>
        </message>
        <message>
            <source>{t}（需人工核查，请逐项确认）</source>
            <translation>{t}（需人工核查，请逐项确认）</translation>
        </message>
        <message>
            <source>{t}（扣 {n:g} 分，缺少扣分理由）</source>
            <translation>{t}（扣 {n:g} 分，缺少扣分理由）</translation>
        </message>
        <message>
            <source>尚有 {n} 项未确认，不能提交：</source>
            <translation>尚有 {n} 项未确认，不能提交：</translation>
        </message>
        <message>
            <source>以下扣分项缺少扣分理由，不能提交：</source>
            <translation>以下扣分项缺少扣分理由，不能提交：</translation>
        </message>
        <message>
            <source>自动扣分和需人工核查的项须逐项确认（Enter 接受建议，数字键改扣分）。</source>
            <translation>自动扣分和需人工核查的项须逐项确认（Enter 接受建议，数字键改扣分）。</translation>
        </message>
    </context>
    <context>
        <name>ThumbnailModel</name>
        <message>
            <source>第 {n} 页</source>
            <translation>第 {n} 页</translation>
        </message>
    </context>
    <context>
        <name>ViewerWidget</name>
        <message>
            <source>在案卷中查找（回车：下一处）</source>
            <translation>在案卷中查找（回车：下一处）</translation>
        </message>
        <message>
            <source>上一页</source>
            <translation>上一页</translation>
        </message>
        <message>
            <source>上一页 (PgUp)</source>
            <translation>上一页 (PgUp)</translation>
        </message>
        <message>
            <source>下一页</source>
            <translation>下一页</translation>
        </message>
        <message>
            <source>下一页 (PgDown)</source>
            <translation>下一页 (PgDown)</translation>
        </message>
        <message>
            <source>缩小</source>
            <translation>缩小</translation>
        </message>
        <message>
            <source>缩小 (Ctrl+-)</source>
            <translation>缩小 (Ctrl+-)</translation>
        </message>
        <message>
            <source>放大</source>
            <translation>放大</translation>
        </message>
        <message>
            <source>放大 (Ctrl+=)</source>
            <translation>放大 (Ctrl+=)</translation>
        </message>
        <message>
            <source>适合宽度</source>
            <translation>适合宽度</translation>
        </message>
        <message>
            <source>适合宽度 (Ctrl+0)</source>
            <translation>适合宽度 (Ctrl+0)</translation>
        </message>
        <message>
            <source>缩略图</source>
            <translation>缩略图</translation>
        </message>
        <message>
            <source>显示或隐藏页面缩略图栏（窄屏上隐藏，页面更大）</source>
            <translation>显示或隐藏页面缩略图栏（窄屏上隐藏，页面更大）</translation>
        </message>
        <message>
            <source>页</source>
            <translation>页</translation>
        </message>
        <message>
            <source>{n} 处</source>
            <translation>{n} 处</translation>
        </message>
    </context>
    <context>
        <name>app</name>
        <message>
            <source>案卷评查工作站</source>
            <translation>案卷评查工作站</translation>
        </message>
    </context>
    <context>
        <name>file_dialogs</name>
        <message>
            <source>文件夹</source>
            <translation>文件夹</translation>
        </message>
    </context>
    <context>
        <name>help</name>
        <message>
            <source>帮助</source>
            <translation>帮助</translation>
        </message>
    </context>
    <context>
        <name>parent</name>
        <message>
            <source>打印</source>
            <translation>打印</translation>
        </message>
        <message>
            <source>请先打开一份案卷。</source>
            <translation>请先打开一份案卷。</translation>
        </message>
        <message>
            <source>打印预览 — 评查表</source>
            <translation>打印预览 — 评查表</translation>
        </message>
    </context>
    <context>
        <name>widget</name>
        <message>
            <source>（已取消，已导入的案卷保留）</source>
            <translation>（已取消，已导入的案卷保留）</translation>
        </message>
        <message>
            <source>已导入 {i} 份，重复 {d} 份（未重复导入），未导入 {r} 份{c}。</source>
            <translation>已导入 {i} 份，重复 {d} 份（未重复导入），未导入 {r} 份{c}。</translation>
        </message>
    </context>
    <context>
        <name>win</name>
        <message>
            <source>只有{needed}可以使用“{what}”；当前用户 {name} 是{role}。</source>
            <translation>只有{needed}可以使用“{what}”；当前用户 {name} 是{role}。</translation>
        </message>
        <message>
            <source>常用</source>
            <translation>常用</translation>
        </message>
        <message>
            <source>撤销</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>重做</source>
            <translation>重做</translation>
        </message>
    </context>
</TS>
