//! The one catalogue of the console's texts, in English and Simplified
//! Chinese. Every key carries both languages (the macro does not compile
//! otherwise); `{name}` placeholders are filled by [`tf`].

use std::fmt::Display;

/// A language of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// From a BCP 47 tag such as `zh-CN` or `en-US`: Chinese for any `zh`, else English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];
}

macro_rules! catalogue {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A text of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T { $(#[allow(missing_docs)] $key),* }

        impl T {
            /// Every key.
            pub const ALL: &'static [T] = &[$(T::$key),*];

            /// The text in `lang`: a table lookup (a `match` over every
            /// key and language compiles to more code than the table).
            pub fn text(self, lang: Lang) -> &'static str {
                const TEXTS: &[[&str; 2]] = &[$([$en, $zh]),*];
                TEXTS[self as usize][lang as usize]
            }
        }
    };
}

catalogue! {
    Title => "Users not migrated from hotspot sessions", "未从热点会话迁移的用户";
    Subtitle => "Workspace Application Streaming · hotspot session configuration", "Workspace 应用流 · 热点会话迁移配置";
    Language => "Language", "语言";
    IdleHint => "Enter the project, the configuration and a token, then load the users.", "填写项目、配置和令牌，然后加载用户。";
    LoadingOf => "Loading users: {received} of {total}", "正在加载用户：{received} / {total}";
    Loading => "Loading users: {received}", "正在加载用户：{received}";
    PageRetry => " · page {page}, attempt {attempt}: {message}", " · 第 {page} 页，第 {attempt} 次尝试：{message}";
    PageFailed => "Page {page} (users {first}–{last}) could not be read after {attempts} {attempts:attempt|attempts}.", "第 {page} 页（第 {first}–{last} 个用户）尝试 {attempts} 次后仍无法读取。";
    PageFailedOnce => "Page {page} (users {first}–{last}) could not be read.", "第 {page} 页（第 {first}–{last} 个用户）无法读取。";
    KeptOf => "{kept} of {total} {total:user|users} read {kept:is|are} kept: Load users reads only what is missing.", "已读取的 {kept} / {total} 个用户已保留：“加载用户”只读取缺少的部分。";
    Kept => "{kept} {kept:user|users} read {kept:is|are} kept: Load users reads only what is missing.", "已读取的 {kept} 个用户已保留：“加载用户”只读取缺少的部分。";
    LoadCancelled => "Loading stopped. {kept} {kept:user|users} read {kept:is|are} kept: Load users reads only what is missing.", "已停止加载。已读取的 {kept} 个用户已保留：“加载用户”只读取缺少的部分。";
    StopLoading => "Stop loading", "停止加载";
    VerifyingOf => "Checking the server: {received} of {total} {total:user|users} read", "正在核对服务器：已读取 {received} / {total} 个用户";
    Verifying => "Checking the server: {received} {received:user|users} read", "正在核对服务器：已读取 {received} 个用户";
    Unverified => "Every request went through, but the check of the server could not be completed.", "所有请求均已成功，但未能完成对服务器的核对。";
    UnverifiedNote => "The changes are applied; only the comparison with the server is missing. Check again when the API answers.", "更改已生效；只是尚未与服务器核对。API 恢复响应后请再次核对。";
    CheckAgain => "Check again", "再次核对";
    TryDemo => "Try the demo data", "试用演示数据";
    DemoHint => "This page is served by the sandbox: fill in its demo project, configuration and token.", "本页由沙箱提供：一键填入演示项目、配置和令牌。";
    SignInRegion => "Choose the region first: the token is scoped to its project.", "请先选择区域：令牌的作用范围是该区域的项目。";
    Account => "Account name", "账号名";
    IamUser => "IAM user name", "IAM 用户名";
    Password => "Password", "密码";
    IamUserId => "IAM user ID", "IAM 用户 ID";
    MfaCodeRule => "The MFA code is 6 digits.", "MFA 验证码为 6 位数字。";
    IdentityLine => "Signed in as {user} (account {account}) · project {project} · token expires {expires}", "已登录：{user}（账号 {account}）· 项目 {project} · 令牌到期时间 {expires}";
    TokenExpiresSoon => "The token expires in {minutes} {minutes:minute|minutes}: sign in again or paste a new one.", "令牌将在 {minutes} 分钟后过期：请重新登录或粘贴新的令牌。";
    TokenExpired => "The token has expired: sign in again or paste a new one.", "令牌已过期：请重新登录或粘贴新的令牌。";
    SignInIam => "Sign in with an IAM user", "使用 IAM 用户登录";
    UsesMfa => "This user signs in with MFA", "该用户使用 MFA 登录";
    MfaCode => "MFA code", "MFA 验证码";
    SignInButton => "Sign in", "登录";
    SigningIn => "Signing in…", "正在登录…";
    SignInHint => "The password goes to IAM through this page's server once, then is cleared; it is never stored.", "密码仅经由本页的服务器发送给 IAM 一次，随后即被清除；从不存储。";
    ProjectsOfToken => "Projects this token may use", "该令牌可使用的项目";
    SignInRefused => "IAM refused the sign-in: {message}", "IAM 拒绝了登录：{message}";
    SignInAgain => "Or sign in again", "或重新登录";
    NameUnknown => "no directory user is named “{name}”.", "目录中没有名为“{name}”的用户。";
    NameAmbiguous => "{n} directory {n:user is|users are} named “{name}”: {candidates}. Add the one you mean by its ID.", "目录中有 {n} 个名为“{name}”的用户：{candidates}。请按 ID 添加您要的那一个。";
    NameFailed => "“{name}” could not be looked up in the directory: {message}", "无法在目录中查找“{name}”：{message}";
    AddFromDirectory => "Add from directory…", "从目录添加…";
    SearchByName => "Search the directory by user name", "按用户名搜索目录";
    SearchHint => "Type a user name (or part of one).", "输入用户名（或其中一部分）。";
    Searching => "Searching…", "正在搜索…";
    DirectoryResults => "{shown} of {total} matching {total:user|users} shown", "显示 {shown} / {total} 个匹配的用户";
    DirectoryUsers => "Directory users", "目录用户";
    More => "More", "更多";
    Disabled => "disabled", "已禁用";
    Locked => "locked", "已锁定";
    InConfiguration => "in this configuration", "已在此配置中";
    StagedToAdd => "staged to add", "已暂存待添加";
    StagedToDelete => "staged to delete", "已暂存待删除";
    StagedFromDirectory => "Staged {n} {n:user|users} from the directory.", "已从目录暂存 {n} 个用户。";
    CheckDirectory => "Check against the directory", "与目录核对";
    ReadingDirectory => "Reading the directory…", "正在读取目录…";
    DirectoryClean => "Every user of this configuration is in the directory with the same name.", "此配置中的所有用户都在目录中，且名称一致。";
    StaleHeading => "{n} {n:user is|users are} no longer in the directory:", "{n} 个用户已不在目录中：";
    RenamedHeading => "{n} {n:user has|users have} another name in the directory:", "{n} 个用户在目录中的名称不同：";
    RenamedLine => "{id}: “{from}” here, “{to}” in the directory", "{id}：此处为“{from}”，目录中为“{to}”";
    StageDeletions => "Stage {n} {n:deletion|deletions}", "暂存 {n} 个删除";
    StageRenames => "Stage {n} {n:rename|renames}", "暂存 {n} 个改名";
    Close => "Close", "关闭";
    LookUpNames => "Look up {n} {n:name|names} in the directory", "在目录中查找 {n} 个名称";
    LookingUp => "Looked up {done} of {of}…", "已查找 {done} / {of}…";
    NamesToLookUp => " · {n} {n:name|names} to look up in the directory", " · {n} 个名称待在目录中查找";
    ExitSessions => "Exit-session count", "退出会话数";
    ExitSessionsRule => "Exit-session count must be a whole number from 0 to {max}; “{typed}” is not.", "退出会话数必须是 0 到 {max} 之间的整数；“{typed}”不是。";
    TooManyInitialUsers => "A new configuration holds at most {max} {max:user|users}; {n} {n:is|are} staged.", "新配置最多包含 {max} 个用户；当前暂存了 {n} 个。";
    MigrationSetting => "Migrate sessions off hotspots", "将会话迁出热点";
    MigrationMeaning => "On: sessions on an overloaded server are moved to others, except the users listed here.", "开启：过载服务器上的会话会被迁移到其他服务器，此处列出的用户除外。";
    ExitSessionsMeaning => "A server stops being a hotspot once its sessions drop to this number (0 to 100).", "服务器的会话数降到此数值时即不再视为热点（0 到 100）。";
    SavingSettings => "Saving", "正在保存";
    SavePaused => "Not saved yet: give a new token and the same request is sent again.", "尚未保存：提供新令牌后将再次发送同一请求。";
    SettingsTitle => "Settings of configuration {id}", "配置 {id} 的设置";
    SettingsButton => "Settings…", "设置…";
    NewConfigButton => "New configuration…", "新建配置…";
    NewConfigTitle => "New configuration in project {project}", "在项目 {project} 中新建配置";
    ReadingConfig => "Reading the configuration…", "正在读取配置…";
    ConfigNotListed => "The project does not list configuration {id}.", "该项目中没有配置 {id}。";
    NoSettingsChange => "Nothing changed: no request to send.", "没有更改：无需发送请求。";
    SaveSettings => "Save settings", "保存设置";
    SettingsSaved => "Saved. The server now has migration {state} and exits at {n} {n:session|sessions}.", "已保存。服务器现在的设置：迁移{state}，{n} 个会话时退出。";
    SettingsDiffer => "Saved, but the server reads migration {state} and exit at {n} {n:session|sessions}.", "已保存，但服务器读取到的设置为：迁移{state}，{n} 个会话时退出。";
    WithStagedUsers => "Start with the {n} staged {n:addition|additions} as its users", "以暂存的 {n} 个待添加用户作为初始用户";
    CreateConfig => "Create configuration", "创建配置";
    ConfigCreated => "Created configuration {id}; it is chosen and loading.", "已创建配置 {id}；已选中并正在加载。";
    RetriedThenStopped => "Retried {n} {n:time|times} before stopping:", "停止前已重试 {n} 次：";
    StatusLine => "Status {status} · request {request}", "状态 {status} · 请求 {request}";
    Import => "Import…", "导入…";
    ExportCsv => "Export CSV", "导出 CSV";
    Connection => "Connection", "连接";
    BaseUrl => "API base URL", "API 基础地址";
    BasePlaceholder => "empty: this page's origin", "留空：使用本页的源";
    BaseHint => "Same-origin proxy to the Workspace API; empty uses this page's origin.", "指向 Workspace API 的同源代理；留空则使用本页的源。";
    Region => "Region", "区域";
    NotSet => "— not set —", "— 未设置 —";
    Endpoint => "Endpoint: {host} (the proxy behind the API base URL must reach it)", "终端节点：{host}（API 基础地址后的代理需能访问它）";
    ProjectId => "Project ID", "项目 ID";
    ConfigId => "Configuration ID", "配置 ID";
    UserId => "User ID", "用户 ID";
    UserName => "User name", "用户名";
    FindConfigs => "Find configurations", "查找配置";
    NoConfigs => "This project has no configurations.", "该项目没有配置。";
    ChooseConfig => "{n} {n:configuration|configurations} — choose one", "{n} 个配置 — 请选择";
    ConfigLabel => "{id} — migration {state}, exit at {sessions} {sessions:session|sessions}, {users} {users:user|users}", "{id} — 迁移{state}，{sessions} 个会话时退出，{users} 个用户";
    On => "on", "开启";
    Off => "off", "关闭";
    ProjectConfigs => "Configurations of this project", "该项目的配置";
    Token => "Token", "令牌";
    TokenHint => "IAM user token; kept in memory only, never stored.", "IAM 用户令牌；仅保存在内存中，从不存储。";
    ShowToken => "Show token", "显示令牌";
    HideToken => "Hide token", "隐藏令牌";
    LoadUsers => "Load users", "加载用户";
    Users => "Users", "用户";
    Filter => "Filter", "筛选";
    FilterPlaceholder => "user ID or name", "用户 ID 或名称";
    Counts => "{shown} of {all} shown · {loaded} on the server · {added} to add · {renamed} to rename · {deleted} to delete · {after} after",
        "显示 {shown} / {all} · 服务器上 {loaded} · 待添加 {added} · 待改名 {renamed} · 待删除 {deleted} · 完成后 {after}";
    DeleteSelected => "Delete selected ({n})", "删除所选（{n}）";
    SelectAll => "Select all shown users", "选择所有显示的用户";
    Staged => "Staged", "待提交";
    Actions => "Actions", "操作";
    NoUsers => "No users in this configuration.", "此配置中没有用户。";
    NoMatch => "No user matches the filter.", "没有匹配筛选条件的用户。";
    ToAdd => "to add", "待添加";
    RenameFrom => "rename from “{from}”", "由“{from}”改名";
    ToDelete => "to delete", "待删除";
    SelectUser => "Select {id}", "选择 {id}";
    Undo => "Undo", "撤销";
    Delete => "Delete", "删除";
    UndoUser => "Undo {id}", "撤销 {id}";
    DeleteUser => "Delete {id}", "删除 {id}";
    AddAUser => "Add a user", "添加用户";
    NewUserId => "New user ID", "新用户 ID";
    Optional => "Optional.", "可选。";
    AddUser => "Add user", "添加";
    StagedForAdding => "Staged {id} for adding.", "已暂存待添加：{id}。";
    ImportUsers => "Import users", "导入用户";
    ImportHint => "One user per line: a user ID, optionally followed by a name (comma, tab or semicolon). A header line and quotes are fine.",
        "每行一个用户：用户 ID，其后可附名称（以逗号、制表符或分号分隔）。可以包含标题行和引号。";
    PasteUsers => "Paste users", "粘贴用户";
    ChooseFile => "Or choose a CSV file", "或选择 CSV 文件";
    ImportSummary => "{n} {n:user|users} ready to stage · {problems} {problems:line|lines} with problems", "{n} 个用户可暂存 · {problems} 行有问题";
    HeaderRecognised => " · header line recognised", " · 已识别标题行";
    Problems => "Problems", "问题";
    StageN => "Stage {n} {n:user|users}", "暂存 {n} 个用户";
    Cancel => "Cancel", "取消";
    Imported => "Staged {n} imported {n:user|users}; {problems} {problems:line was|lines were} not imported.", "已暂存 {n} 个导入的用户；{problems} 行未导入。";
    ReviewApply => "Review and apply", "检查并提交";
    PlanSummary => "{n} {n:request|requests}: DELETE {deleted} {deleted:user|users}, ADD {added} {added:user|users}.", "{n} 个请求：DELETE {deleted} 个用户，ADD {added} 个用户。";
    UsersPerRequest => "Users per request", "每个请求的用户数";
    TimeLimit => "Time limit per request (seconds)", "每个请求的时限（秒）";
    RequestN => "Request {i}: {kind} {n} {n:user|users}", "请求 {i}：{kind} {n} 个用户";
    CurlEquivalent => "curl equivalent", "等效的 curl 命令";
    ApplyChanges => "Apply changes", "提交更改";
    Discard => "Discard staged changes", "放弃暂存的更改";
    Sending => "Sending request {current} of {total}", "正在发送第 {current} / {total} 个请求";
    Attempt => " (attempt {n})", "（第 {n} 次尝试）";
    Retrying => "Retrying: {message}", "正在重试：{message}";
    Paused => "The run is paused. What went through is applied; the rest stays staged.", "已暂停。已成功的更改已生效，其余仍保持暂存。";
    NewToken => "New token", "新令牌";
    Resume => "Resume with new token", "使用新令牌继续";
    StopRun => "Stop applying", "停止应用";
    PartNotLoaded => "This part of the console could not be loaded ({why}). Nothing changed; check the connection and try again.", "无法加载控制台的这一部分（{why}）。没有任何更改；请检查网络连接后重试。";
    RunHalted => "You stopped the run: {sent} of {total} {total:request|requests} went through. The one in flight may or may not have reached the server; the rest is still staged. Applying again is safe: adding and deleting users are idempotent.", "您已停止本次运行：{total} 个请求中已成功 {sent} 个。正在发送的请求可能已到达服务器，也可能没有；其余更改仍保持暂存。再次应用是安全的：添加和删除用户都是幂等的。";
    StoppedNote => "The run stopped. What did not go through is still staged: fix the cause and apply again.", "已停止。未成功的更改仍保持暂存：排除原因后再次提交。";
    AllApplied => "All changes applied. The server now matches the intended users.", "所有更改已提交。服务器现在与预期的用户一致。";
    Differs => "All requests went through, but the server differs in {n} {n:user|users}:", "所有请求均已成功，但服务器上有 {n} 个用户与预期不同：";
    DiffMissing => "{id}: intended, but not on the server", "{id}：应当存在，但服务器上没有";
    DiffUnexpected => "{id}: on the server, but not intended", "{id}：服务器上存在，但不应存在";
    DiffName => "{id}: name “{got}” on the server, “{want}” intended", "{id}：服务器上的名称为“{got}”，预期为“{want}”";
    Recovered => "Recovered by retrying {n} {n:time|times}:", "经过 {n} 次重试后恢复：";
    RetryNote => "Request {i} ({kind} {n} {n:user|users}), attempt {attempt}: {message}", "请求 {i}（{kind} {n} 个用户），第 {attempt} 次尝试：{message}";
    NewTokenFromPage => "A new token came from the page.", "已从页面获得新令牌。";
    Status => "Status", "状态";
    ErrorCode => "Error code", "错误码";
    Message => "Message", "消息";
    RequestId => "Request ID", "请求 ID";
    NoResponse => "no response", "无响应";
    Activity => "Activity ({n} {n:request|requests})", "活动（{n} 个请求）";
    ExportJson => "Export JSON", "导出 JSON";
    Time => "Time", "时间";
    Kind => "Type", "类型";
    UserCount => "Users", "用户数";
    Attempts => "Attempts", "尝试次数";
    Loaded => "Loaded {n} {n:user|users}.", "已加载 {n} 个用户。";
    FieldEmpty => "{field} is empty.", "{field}为空。";
    FieldTooLong => "{field} is {len} {len:character|characters} long; at most {max} {max:is|are} allowed.", "{field}长度为 {len} 个字符；最多允许 {max} 个。";
    FieldControl => "{field} contains a control character (such as a line break, tab or NUL) at position {position}.",
        "{field}在第 {position} 个字符处包含控制字符（如换行符、制表符或 NUL）。";
    FieldInvisible => "{field} contains an invisible formatting character (U+{code}) at position {position}.",
        "{field}在第 {position} 个字符处包含不可见的格式字符（U+{code}）。";
    BaseScheme => "The API base URL must start with https:// or http://, or be left empty to use this page's origin.",
        "API 基础地址必须以 https:// 或 http:// 开头，或留空以使用本页的源。";
    BaseNoHost => "The API base URL has no host name.", "API 基础地址缺少主机名。";
    BaseJunk => "The API base URL must not contain spaces, '?' or '#'.", "API 基础地址不能包含空格、“?”或“#”。";
    UnknownRegion => "Unknown region '{region}'.", "未知区域“{region}”。";
    TokenEmpty => "Token is empty: paste an IAM user token (the X-Subject-Token of IAM's token call).",
        "令牌为空：请粘贴 IAM 用户令牌（IAM 获取令牌接口返回的 X-Subject-Token）。";
    TokenSpaces => "Token contains spaces or line breaks: paste it again, as one piece.", "令牌包含空格或换行：请完整地重新粘贴。";
    LineN => "Line {line}: {problem}", "第 {line} 行：{problem}";
    TooManyColumns => "{found} {found:column|columns}; expected a user ID and an optional user name.", "有 {found} 列；应为用户 ID 及可选的用户名。";
    UnclosedQuote => "a quote is opened but never closed.", "引号未闭合。";
    ConflictingDuplicate => "the same user ID as line {first} with another name (\"{name}\" there); line {first} is kept.",
        "与第 {first} 行的用户 ID 相同但名称不同（该行为“{name}”）；保留第 {first} 行。";
    Duplicate => "repeats line {first}; imported once.", "与第 {first} 行重复；只导入一次。";
    NothingStaged => "Nothing is staged: add or delete users first.", "没有暂存的更改：请先添加或删除用户。";
    OverCapacity => "After this change the configuration would hold {after} {after:user|users}; at most {max} {max:is|are} allowed. Remove {excess} {excess:addition|additions} or stage {excess} more {excess:deletion|deletions}.",
        "此更改后配置将包含 {after} 个用户；最多允许 {max} 个。请移除 {excess} 个待添加的用户，或再暂存 {excess} 个删除。";
    ErrNetwork => "The API could not be reached ({detail}). Check the API base URL and your connection; retrying is safe.",
        "无法连接 API（{detail}）。请检查 API 基础地址和网络连接；重试是安全的。";
    ErrFormIncomplete => "Nothing was sent: the connection form above needs a valid project, configuration and token (or sign in).",
        "未发送任何内容：上方的连接表单需要有效的项目、配置和令牌（或先登录）。";
    ErrTimeout => "No answer from the API within {seconds} {seconds:second|seconds}. Retrying is safe: adding and deleting users are idempotent.",
        "API 在 {seconds} 秒内没有响应。重试是安全的：添加和删除用户都是幂等操作。";
    Err401 => "The token is invalid or expired: paste a new one.", "令牌无效或已过期：请粘贴新的令牌。";
    Err403 => "Permission denied: the token's user may not manage this configuration. Ask your IAM administrator for Workspace permissions.",
        "没有权限：该令牌的用户无权管理此配置。请联系 IAM 管理员授予 Workspace 权限。";
    Err404 => "Not found: check the project ID, the configuration ID and the region.", "未找到：请检查项目 ID、配置 ID 和区域。";
    Err405 => "The endpoint does not accept this method: check that the API base URL points at the Workspace API or its proxy.",
        "该接口不接受此方法：请确认 API 基础地址指向 Workspace API 或其代理。";
    Err413 => "The request is too large for the gateway: use a smaller batch size.", "请求过大，网关拒绝：请减小每个请求的用户数。";
    Err429 => "Too many requests: the API is throttling. Wait a moment, then retry.", "请求过多：API 正在限流。请稍候再试。";
    Err400 => "The API refused the request as invalid.", "API 认为请求无效而拒绝。";
    Err500 => "The service failed internally. Retrying is safe.", "服务内部出错。重试是安全的。";
    Err5xx => "The service, or a proxy in front of it, is unavailable. Retrying is safe.", "服务或其前面的代理不可用。重试是安全的。";
    ErrStatus => "Unexpected HTTP status {status}.", "意外的 HTTP 状态码 {status}。";
    ErrFailed => "The request failed.", "请求失败。";
    DetailHtml => "The response was an HTML page (from a proxy or load balancer), not an API error.", "响应是一个 HTML 页面（来自代理或负载均衡器），而不是 API 错误。";
    DetailMalformed => "The error body was cut short or is not valid JSON.", "错误响应体被截断或不是有效的 JSON。";
    DetailText => "The response said: {text}", "响应内容：{text}";
    DetailEmpty => "The response had no body.", "响应没有内容。";
    HttpRequest => "HTTP {status}, request {request}", "HTTP {status}，请求 {request}";
    Http => "HTTP {status}", "HTTP {status}";
    FileNotJson => "The file is not valid JSON.", "该文件不是有效的 JSON。";
    FileVersion => "The file is version {version}; this console reads version {supported}.", "该文件的版本为 {version}；此控制台只能读取版本 {supported}。";
    FileMalformed => "The file names the right format, but its content is not in the expected shape.", "该文件的格式名称正确，但内容结构不符合要求。";
    NotHistoryFile => "This is not a hotspot-users history file.", "这不是 hotspot-users 历史记录文件。";
    HistoryEntryInvalid => "History entry {n}: {problem}", "第 {n} 条历史记录：{problem}";
    MovedDeleted => "{id} was deleted since; this change left it as “{left}”.", "{id} 此后已被删除；此更改后它的名称为“{left}”。";
    MovedReadded => "{id} was added again since, as “{now}”.", "{id} 此后又被添加，名称为“{now}”。";
    MovedRenamed => "{id} was renamed since, from “{left}” to “{now}”.", "{id} 此后已被改名：由“{left}”改为“{now}”。";
    SyncOverCapacity => "The target configuration would hold {after} {after:user|users}; at most {max} {max:is|are} allowed; {excess} too many.",
        "目标配置将包含 {after} 个用户；最多允许 {max} 个；超出 {excess} 个。";
    NotPlanFile => "This is not a hotspot-users plan file.", "这不是 hotspot-users 计划文件。";
    PlanAdds => "Addition", "新增项";
    PlanRenames => "Rename", "改名项";
    PlanDeletes => "Deletion", "删除项";
    PlanEntryInvalid => "{list} {n} ({id}): {problem}", "{list}第 {n} 项（{id}）：{problem}";
    PlanDuplicateId => "User {id} appears more than once in the plan file.", "用户 {id} 在计划文件中出现了不止一次。";
    PlanOtherConfig => "This plan is for configuration {plan_config} of project {plan_project}, but configuration {config} of project {project} is loaded.",
        "此计划针对项目 {plan_project} 的配置 {plan_config}，但当前加载的是项目 {project} 的配置 {config}。";
    DriftDeleteGone => "{id}: planned for deletion, but no longer on the server; skipped.", "{id}：计划删除，但服务器上已没有该用户；已跳过。";
    DriftDeleteRenamed => "{id}: planned for deletion as “{planned}”, but the server now names it “{now}”; still staged for deletion.",
        "{id}：计划删除时名称为“{planned}”，但服务器上现在的名称为“{now}”；仍暂存待删除。";
    DriftAddExists => "{id}: planned as a new user “{planned}”, but the server already has it as “{now}”; staged as a rename.",
        "{id}：计划作为新用户“{planned}”添加，但服务器上已有该用户，名称为“{now}”；已暂存为改名。";
    DriftAddSame => "{id}: planned as a new user, but the server already has it as “{now}”; skipped.",
        "{id}：计划作为新用户添加，但服务器上已有该用户，名称为“{now}”；已跳过。";
    DriftRenameGone => "{id}: planned rename to “{planned}”, but the user is no longer on the server; skipped.",
        "{id}：计划改名为“{planned}”，但服务器上已没有该用户；已跳过。";
    DriftRenameMoved => "{id}: planned rename from “{from}” to “{planned}”, but the server now names it “{now}”; staged as a rename to “{planned}”.",
        "{id}：计划由“{from}”改名为“{planned}”，但服务器上现在的名称为“{now}”；已暂存为改名为“{planned}”。";
    DriftRenameDone => "{id}: planned rename to “{planned}”, but the server already has that name; skipped.",
        "{id}：计划改名为“{planned}”，但服务器上已是该名称；已跳过。";
    HistoryButton => "History…", "历史记录…";
    HistoryTitle => "Changes applied to this configuration", "此配置已应用的更改";
    HistoryHint => "Kept in this browser (never a token). Revert stages the inverse of a change for the normal review; nothing is sent until you apply.",
        "保存在此浏览器中（从不保存令牌）。“撤销”会将更改的逆操作暂存，供正常审阅；应用之前不会发送任何内容。";
    HistoryEmpty => "No change applied from this browser to this configuration yet.", "此浏览器尚未对此配置应用任何更改。";
    HistoryEntry => "{when} · {by} · {added} added, {deleted} deleted, {renamed} renamed", "{when} · {by} · 添加 {added}，删除 {deleted}，改名 {renamed}";
    HistoryRequests => "Request IDs: {ids}", "请求 ID：{ids}";
    RevertButton => "Revert…", "撤销…";
    RevertOf => "Revert the change of {when}", "撤销 {when} 的更改";
    RevertSummary => "Stages {adds} {adds:addition or rename|additions or renames} back and {deletes} {deletes:deletion|deletions}.", "将暂存 {adds} 个添加或改回名称，以及 {deletes} 个删除。";
    RevertMovedOn => "These users changed since; they are left out unless you include them:", "这些用户此后已有变化；除非选择包含，否则不会处理：";
    RevertInclude => "Include", "包含";
    RevertStage => "Stage the revert", "暂存撤销";
    RevertNothing => "Nothing left to revert: the server no longer has what this change left.", "没有可撤销的内容：服务器上已不是此更改后的状态。";
    RevertStaged => "The revert of the change of {when} is staged: review and apply it.", "{when} 的更改的撤销已暂存：请审阅并应用。";
    HistoryExport => "Export history", "导出历史记录";
    HistoryImport => "Import history (JSON file)", "导入历史记录（JSON 文件）";
    HistoryImported => "History imported: {added} {added:change|changes} added, {duplicates} already here, {dropped} oldest dropped.", "历史记录已导入：新增 {added} 项更改，已有 {duplicates} 项，丢弃最早的 {dropped} 项。";
    HistoryDropped => "The history is full: its {n} oldest {n:change was|changes were} dropped.", "历史记录已满：已丢弃最早的 {n} 项更改。";
    ByToken => "token", "令牌";
    CopyTo => "Copy users to…", "复制用户到…";
    MakeMatch => "Make another match this one…", "使另一个配置与此一致…";
    CopyTitle => "Copy this configuration's users to another (adds only)", "将此配置的用户复制到另一个配置（仅添加）";
    MatchTitle => "Make another configuration match this one (adds, renames and deletes)", "使另一个配置与此配置一致（添加、改名和删除）";
    SyncHint => "The source is this configuration's users as on the server ({n}); staged work here is not included.", "来源为此配置在服务器上的用户（{n} 个）；不包括此处暂存的更改。";
    SyncTarget => "Target configuration", "目标配置";
    SyncChoose => "Choose a configuration", "选择配置";
    SyncListing => "Listing the project's configurations…", "正在列出项目的配置…";
    SyncNoOther => "The project has no other configuration.", "此项目没有其他配置。";
    SyncPrepare => "Read the target and stage", "读取目标并暂存";
    SyncReading => "Reading the target's users: {n}", "正在读取目标的用户：{n}";
    SyncNothing => "Nothing to do: the target already holds these users.", "无需操作：目标已包含这些用户。";
    SyncStaged => "Staged in {config}: {added} {added:addition|additions}, {renamed} {renamed:rename|renames}, {deleted} {deleted:deletion|deletions}. Review and apply.", "已在 {config} 中暂存：添加 {added}，改名 {renamed}，删除 {deleted}。请审阅并应用。";
    ReviewConfig => "Configuration", "配置";
    PlanExport => "Export plan", "导出计划";
    PlanOpen => "Open plan (JSON file)", "打开计划（JSON 文件）";
    PlanDirty => "Apply or discard the staged changes before opening a plan.", "打开计划前，请先应用或放弃已暂存的更改。";
    PlanOpened => "Plan opened: {adds} {adds:addition|additions}, {renames} {renames:rename|renames} and {deletes} {deletes:deletion|deletions} staged. Review and apply.", "计划已打开：已暂存添加 {adds}、改名 {renames}、删除 {deletes}。请审阅并应用。";
    PlanUnchanged => "The server holds the same users as when the plan was made.", "服务器上的用户与制定计划时相同。";
    PlanChangedSince => "The server changed since the plan was made:", "制定计划后服务器已有变化：";
    PlanChangedOthers => "Other users changed too ({then} {then:user|users} then, {now} now); the plan's own entries are as listed.", "其他用户也有变化（当时 {then} 个，现在 {now} 个）；计划中的条目如上所列。";
    Dismiss => "Dismiss", "关闭提示";
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: T) -> &'static str {
    key.text(lang)
}

/// The text of `key` in `lang` with each `{name}` replaced by its value,
/// in one pass (a value is never read as a placeholder). `{name:one|other}`
/// puts in `one` when the value of `name` is 1, else `other`: English
/// counts ("{n} {n:user|users}"); Chinese needs none.
pub fn tf(lang: Lang, key: T, args: &[(&str, &dyn Display)]) -> String {
    let mut rest = key.text(lang);
    let mut out = String::with_capacity(rest.len() + 16);
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let Some((inner, tail)) = after.split_once('}') else {
            out.push('{');
            rest = after;
            continue;
        };
        let (name, forms) = inner.split_once(':').unwrap_or((inner, ""));
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) if forms.is_empty() => out.push_str(&value.to_string()),
            Some((_, value)) => {
                let (one, other) = forms.split_once('|').unwrap_or((forms, forms));
                out.push_str(if value.to_string() == "1" { one } else { other });
            }
            None => {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<String> {
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}'))
            .map(|(inner, _)| inner.split(':').next().unwrap_or(inner).to_string())
            .collect()
    }

    #[test]
    fn every_key_is_translated_with_the_same_placeholders() {
        // Texts that are the same in both languages on purpose.
        let same = [T::Http];
        for key in T::ALL {
            let (en, zh) = (key.text(Lang::En), key.text(Lang::Zh));
            assert!(
                !en.trim().is_empty() && !zh.trim().is_empty(),
                "{key:?} lacks a text"
            );
            assert!(same.contains(key) || en != zh, "{key:?} is not translated");
            assert_eq!(
                placeholders(en),
                placeholders(zh),
                "{key:?} placeholders differ"
            );
        }
    }

    /// Nouns the catalogue counts: after a count of one, only the singular.
    const COUNTED: &[&str] = &[
        "users",
        "requests",
        "times",
        "lines",
        "names",
        "configurations",
        "deletions",
        "renames",
        "additions",
        "changes",
        "sessions",
        "minutes",
        "seconds",
        "attempts",
        "columns",
        "characters",
        "are",
        "have",
    ];

    #[test]
    fn a_count_of_one_takes_the_singular_in_english() {
        for key in T::ALL {
            let en = key.text(Lang::En);
            let names: Vec<String> = placeholders(en).into_iter().collect();
            for n in [1, 2] {
                let args: Vec<(&str, &dyn Display)> = names
                    .iter()
                    .map(|p| (p.as_str(), &n as &dyn Display))
                    .collect();
                let text = tf(Lang::En, *key, &args);
                assert!(!text.contains(['{', '}']), "{key:?}: {text}");
                // A count, then the word it counts (punctuation between
                // them ends the phrase: "page 2, attempt 2").
                // A word may stand between them: "1 staged addition".
                let words: Vec<&str> = text.split_whitespace().collect();
                let between = |w: &str| {
                    w.chars().all(|c| c.is_ascii_lowercase())
                        && !["of", "to", "and", "or", "from", "in", "at"].contains(&w)
                };
                let phrases = words.windows(2).map(|p| (p[0], p[1])).chain(
                    words
                        .windows(3)
                        .filter(|p| between(p[1]))
                        .map(|p| (p[0], p[2])),
                );
                for pair in phrases {
                    let pair = [pair.0, pair.1];
                    let count = pair[0].trim_start_matches(['(', '“']);
                    let noun = pair[1].trim_end_matches(['.', ',', ':', ';', ')', '”']);
                    let singular = COUNTED.iter().any(|c| c.strip_suffix('s') == Some(noun));
                    assert!(
                        !(count == "1" && COUNTED.contains(&noun)),
                        "{key:?} with a count of one reads “{text}”"
                    );
                    assert!(
                        !(count == "2" && singular),
                        "{key:?} with a count of two reads “{text}”"
                    );
                }
            }
        }
    }

    /// Every text is shown somewhere: a key no code names is either dead
    /// weight in the wasm or a message the console forgot to give.
    #[test]
    fn every_key_is_used_by_the_console() {
        fn sources(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs")
                {
                    out.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut code = String::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut code,
        );
        let unused: Vec<String> = T::ALL
            .iter()
            .map(|k| format!("{k:?}"))
            .filter(|name| {
                !code.match_indices(&format!("T::{name}")).any(|(i, m)| {
                    !code[i + m.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                })
            })
            .collect();
        assert!(unused.is_empty(), "texts no code shows: {unused:?}");
    }

    #[test]
    fn a_value_is_put_in_once_and_never_read_as_a_placeholder() {
        // A user's name may hold braces: it is shown as given.
        assert_eq!(
            tf(Lang::En, T::Loaded, &[("n", &"{n}")]),
            "Loaded {n} users."
        );
        assert_eq!(
            tf(
                Lang::En,
                T::RequestN,
                &[("i", &"{n}"), ("kind", &"ADD"), ("n", &1)]
            ),
            "Request {n}: ADD 1 user"
        );
    }

    #[test]
    fn tags_and_formatting() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(tf(Lang::Zh, T::StageN, &[("n", &3)]), "暂存 3 个用户");
        assert_eq!(
            tf(Lang::En, T::Loaded, &[("n", &1000)]),
            "Loaded 1000 users."
        );
    }
}
