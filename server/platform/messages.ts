/**
 * Domain and error messages, zh-CN first, English complete. `{name}` placeholders are filled from params.
 * The platform's own messages are here; each module defines its own in `modules/<name>/messages.ts`
 * with `defineMessages`, which registers them and adds their keys to `MessageKey`.
 */
export type Locale = 'zh-CN' | 'en';
export type MessageTable = Record<string, Record<Locale, string>>;

const platformMessages = {
  // 审计日志中的操作名称 / what each audit action is called in the audit log
  'audit.account.create': { 'zh-CN': '创建账号', en: 'Create an account' },
  'audit.account.update': { 'zh-CN': '修改账号资料', en: 'Edit an account' },
  'audit.account.disable': { 'zh-CN': '停用账号', en: 'Disable an account' },
  'audit.account.enable': { 'zh-CN': '启用账号', en: 'Enable an account' },
  'audit.account.unlock': { 'zh-CN': '解除登录限制', en: 'Clear failed sign-ins' },
  'audit.account.reset': { 'zh-CN': '重置账号（发放新激活码）', en: 'Reset an account (new activation code)' },
  'audit.account.grant': { 'zh-CN': '授予角色', en: 'Grant a role' },
  'audit.account.revoke': { 'zh-CN': '撤销角色', en: 'Revoke a role' },
  'audit.account.provision': { 'zh-CN': '按名册开通账号', en: 'Open an account from the roster' },
  'audit.account.reissue': { 'zh-CN': '重发激活码', en: 'Issue an activation code again' },
  'audit.account.provision_run': { 'zh-CN': '批量开通账号', en: 'Open accounts for a roster' },
  'audit.account.activation_mail': { 'zh-CN': '通过邮件发送激活码', en: 'Mail activation codes' },
  'audit.auth.login_activation': { 'zh-CN': '用激活码首次登录', en: 'First sign-in with an activation code' },
  'audit.auth.activated': { 'zh-CN': '激活账号并设置密码', en: 'Activate the account and choose a password' },
  'audit.attachment.upload': { 'zh-CN': '上传附件', en: 'Upload a file' },
  'audit.auth.login': { 'zh-CN': '登录', en: 'Sign in' },
  'audit.auth.login_failed': { 'zh-CN': '登录失败', en: 'Failed sign-in' },
  'audit.auth.logout': { 'zh-CN': '退出登录', en: 'Sign out' },
  'audit.auth.login_sso': { 'zh-CN': '经统一身份认证登录', en: 'Sign in through single sign-on' },
  'audit.auth.logout_sso': { 'zh-CN': '统一身份认证单点退出', en: 'Single logout from the identity provider' },
  'audit.sso.provider_create': { 'zh-CN': '新增统一身份认证', en: 'Add an identity provider' },
  'audit.sso.provider_update': { 'zh-CN': '修改统一身份认证', en: 'Change an identity provider' },
  'audit.sso.local_login': { 'zh-CN': '设置密码登录', en: 'Set password sign-in' },
  'audit.auth.password_changed': { 'zh-CN': '修改密码', en: 'Change password' },
  'audit.auth.password_change_failed': { 'zh-CN': '修改密码失败（当前密码错误）', en: 'Failed password change (wrong current password)' },
  'audit.demo.seed': { 'zh-CN': '载入演示数据', en: 'Load demo data' },
  'audit.export.download': { 'zh-CN': '导出数据', en: 'Export data' },
  'audit.import.preview': { 'zh-CN': '上传导入文件', en: 'Upload an import file' },
  'audit.import.commit': { 'zh-CN': '确认导入', en: 'Commit an import' },
  'audit.indicator.measure': { 'zh-CN': '计算指标', en: 'Measure an indicator' },
  'audit.indicator.recompute': { 'zh-CN': '重新计算集群指标', en: 'Recompute a cluster’s indicators' },
  'audit.indicator_target.create': { 'zh-CN': '设定指标目标', en: 'Set an indicator target' },
  'audit.indicator_target.update': { 'zh-CN': '修改指标目标', en: 'Change an indicator target' },
  'audit.notifications.channel.create': { 'zh-CN': '新增通知渠道', en: 'Add a notification channel' },
  'audit.notifications.channel.update': { 'zh-CN': '修改通知渠道', en: 'Change a notification channel' },
  'audit.notifications.delivery.retry': { 'zh-CN': '重发通知', en: 'Retry a delivery' },
  'audit.notifications.preferences': { 'zh-CN': '修改通知设置', en: 'Change notification settings' },
  'audit.pii.view': { 'zh-CN': '查看身份证号与手机号', en: 'View ID number and phone' },
  'audit.platform.admin_created': { 'zh-CN': '创建管理员', en: 'Create an administrator' },
  'audit.platform.key_rotated': { 'zh-CN': '轮换主密钥', en: 'Rotate the master key' },
  'error.validation': { 'zh-CN': '请求参数不合法', en: 'The request is not valid' },
  'error.control_character': {
    'zh-CN': '输入中含有不可见的控制字符（如 NUL），请删除后重试（位置：{field}）',
    en: 'The input holds an invisible control character (such as NUL); remove it and try again (at {field})',
  },
  'error.malformed_json': { 'zh-CN': '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  'error.body_too_large': { 'zh-CN': '请求体过大（上限 {limit} 字节）', en: 'The request body is too large (limit {limit} bytes)' },
  'error.unsupported_media_type': { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  'error.not_found': { 'zh-CN': '找不到{entity}（编号 {id}）', en: 'No {entity} with id {id}' },
  'error.route_not_found': { 'zh-CN': '接口不存在：{method} {url}', en: 'No such endpoint: {method} {url}' },
  'error.unauthenticated': { 'zh-CN': '请先登录', en: 'Please log in first' },
  'error.forbidden': { 'zh-CN': '您没有权限执行此操作', en: 'You are not allowed to do this' },
  'error.forbidden_scope': {
    'zh-CN': '您的角色不覆盖该范围，无权执行此操作',
    en: 'None of your roles covers this scope, so you may not do this',
  },
  'error.csrf': {
    'zh-CN': '安全校验失败（CSRF 令牌缺失或不匹配），请刷新页面后重试',
    en: 'Security check failed (missing or wrong CSRF token); reload the page and try again',
  },
  'error.conflict_duplicate': { 'zh-CN': '{entity}的代码“{code}”已存在', en: '{entity} code "{code}" already exists' },
  'error.conflict_unique': { 'zh-CN': '数据与已有记录重复，未保存', en: 'This duplicates an existing record; nothing was saved' },
  'error.conflict_unique_reference': {
    'zh-CN': '数据仍被其他记录引用，或引用的记录不存在，未保存',
    en: 'The data is still referenced, or refers to a record that does not exist; nothing was saved',
  },
  'error.invalid_reference': {
    'zh-CN': '引用的{entity}不存在或不属于本院校',
    en: 'The referenced {entity} does not exist or belongs to another institution',
  },
  'error.internal': { 'zh-CN': '服务器内部错误，请稍后重试', en: 'Internal server error; please try again later' },
  'error.too_many_requests': { 'zh-CN': '请求过于频繁，请 {seconds} 秒后再试', en: 'Too many requests; try again in {seconds} seconds' },
  'auth.local_login_off': {
    'zh-CN': '本校已启用统一身份认证，请点击下方统一身份认证按钮登录',
    en: 'Your institution signs in through single sign-on: use the single sign-on button below',
  },
  'sso.bad_provider': {
    'zh-CN': '统一身份认证设置不完整或地址不对：{fields}',
    en: 'The identity provider settings are incomplete or wrong: {fields}',
  },
  'sso.discovery_failed': {
    'zh-CN': '无法读取 {issuer} 的 OpenID 配置（/.well-known/openid-configuration）：{reason}',
    en: 'Could not read the OpenID configuration of {issuer} (/.well-known/openid-configuration): {reason}',
  },
  'sso.last_provider': {
    'zh-CN': '本校已关闭密码登录，这是唯一启用的统一身份认证，不能停用；请先允许密码登录',
    en: 'Password sign-in is off and this is the only enabled identity provider: allow password sign-in first',
  },
  'sso.no_provider': {
    'zh-CN': '本校还没有启用的统一身份认证，不能关闭密码登录',
    en: 'The institution has no enabled identity provider yet, so password sign-in cannot be turned off',
  },
  'sso.bad_state': {
    'zh-CN': '登录请求已过期或已用过，请重新点击统一身份认证登录',
    en: 'The sign-in request has expired or was already used: start the single sign-on again',
  },
  'sso.unreachable': { 'zh-CN': '暂时连不上统一身份认证服务：{reason}', en: 'The identity provider cannot be reached right now: {reason}' },
  'sso.provider_refused': { 'zh-CN': '统一身份认证未通过：{reason}', en: 'The identity provider refused the sign-in: {reason}' },
  'sso.invalid_response': {
    'zh-CN': '统一身份认证的答复无效，未登录：{reason}',
    en: 'The identity provider’s answer is not valid, so you are not signed in: {reason}',
  },
  'sso.no_claim': {
    'zh-CN': '统一身份认证没有给出学号/工号（{claim}），请联系管理员检查设置',
    en: 'The identity provider did not send the student/staff number ({claim}): ask an administrator to check the settings',
  },
  'sso.no_account': {
    'zh-CN': '统一身份认证账号 {account} 在四通中没有对应的账号，请联系教务处开通',
    en: 'There is no Sitong account for {account}: ask the academic affairs office to open one',
  },
  'sso.account_disabled': { 'zh-CN': '您的四通账号已停用，请联系管理员', en: 'Your Sitong account is disabled: ask an administrator' },
  'sso.bad_logout_request': { 'zh-CN': '不是有效的 CAS 单点退出请求', en: 'Not a valid CAS logout request' },
  'auth.bad_credentials': {
    'zh-CN': '用户名或密码错误；连续输错几次后需稍等片刻再试',
    en: 'Wrong username or password; after a few failures, wait a moment before trying again',
  },
  'setup.bad_username': {
    'zh-CN': '用户名须为 3–60 位字母、数字或 . _ @ -',
    en: 'The user name must be 3–60 letters, digits or . _ @ -',
  },
  'setup.username_taken': { 'zh-CN': '用户名 {username} 已被使用', en: 'The user name {username} is taken' },
  'setup.token_invalid': {
    'zh-CN': '设置码无效、已过期或已使用；请重启服务获取新的设置码，或用 npm run admin -- create 创建管理员',
    en: 'The setup code is wrong, expired or used; restart the server for a new one, or create the administrator with npm run admin -- create',
  },
  'auth.wrong_current_password': { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  'account.not_self': {
    'zh-CN': '不能对自己的账号执行此操作（停用、重置或授予、撤销角色须由另一位管理员办理）',
    en: 'You cannot do this to your own account: another administrator must disable, reset, grant or revoke it',
  },
  'account.bad_validity': { 'zh-CN': '有效期的开始日期不能晚于结束日期', en: 'The validity cannot start after it ends' },
  'account.grant_exists': { 'zh-CN': '该用户已在此范围拥有这个角色', en: 'The user already holds this role on this scope' },
  'account.nothing_to_provision': {
    'zh-CN': '所选范围内没有需要开通账号的学生或教师',
    en: 'Nobody in the chosen roster needs an account',
  },
  'account.no_smtp': {
    'zh-CN': '尚未配置可用的邮件服务器，无法通过邮件发送激活码：请先在“通知渠道”中设置 SMTP，或改用激活单',
    en: 'No mail server is set up, so activation codes cannot be mailed: add the SMTP server under Notification channels first, or use the activation sheet',
  },
  'notify.account_activation.title': { 'zh-CN': '四通平台账号激活', en: 'Activate your Sitong account' },
  'notify.account_activation.body': {
    'zh-CN':
      '学校已为您开通四通专业集群平台账号。\n用户名（{number}）：{username}\n一次性激活码：{code}\n登录地址：{loginUrl}\n\n请在登录页的用户名处填写{number}，密码处填写上面的激活码。激活码只能使用一次，有效期至 {validUntil}；首次登录后须立即设置自己的密码，激活码随即作废。请勿将激活码转告他人。',
    en: 'Your college has opened an account for you on the Sitong cluster platform.\nUser name ({number}): {username}\nOne-time activation code: {code}\nSign in at: {loginUrl}\n\nOn the sign-in page, enter your {number} as the user name and the code above as the password. The code works once, until {validUntil}; at that first sign-in you must replace it with a password of your own, and the code stops working. Do not pass the code on.',
  },
  'notify.account_activation.greeting': { 'zh-CN': '{name}，您好：', en: 'Dear {name},' },
  'notify.account_activation.footer': {
    'zh-CN': '此邮件由四通专业集群平台自动发送，请勿直接回复。如果您不是收件人本人，请删除此邮件并告知学校。',
    en: 'Sent automatically by the Sitong cluster platform; please do not reply. If you are not the person named above, delete this message and tell the college.',
  },
  'auth.password_change_required': {
    'zh-CN': '首次登录须先设置新密码',
    en: 'Choose a new password first: this is the first sign-in',
  },
  'auth.no_activation': {
    'zh-CN': '本次登录不是激活登录；修改密码请使用“修改密码”并输入当前密码',
    en: 'This session was not opened with an activation code; change the password with the current one instead',
  },
  'auth.weak_password.too_short': {
    'zh-CN': '新密码至少 {min} 位',
    en: 'The new password needs at least {min} characters',
  },
  'auth.weak_password.is_username': {
    'zh-CN': '新密码不能包含用户名、学号或工号',
    en: 'The new password must not contain the user name, student or staff number',
  },
  'auth.weak_password.too_common': {
    'zh-CN': '这个密码太常见，容易被猜中，请换一个',
    en: 'This password is too common and easily guessed; choose another',
  },
  'auth.same_password': { 'zh-CN': '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  'import.not_xlsx': { 'zh-CN': '只接受 .xlsx 格式的 Excel 文件', en: 'Only .xlsx Excel files are accepted' },
  'import.too_large': { 'zh-CN': '文件超过大小上限 {limitMb} MB', en: 'The file exceeds the size limit of {limitMb} MB' },
  'import.uncompressed_too_large': {
    'zh-CN': '文件解压后超过 {limitMb} MB，或内部文件过多；请删去无关的工作表、图片后重试',
    en: 'The file unpacks to more than {limitMb} MB or holds too many parts; remove unrelated sheets and pictures and try again',
  },
  'import.not_yours': {
    'zh-CN': '这是他人上传的导入批次，只有上传人或管理员可以查看和提交',
    en: 'This import was uploaded by someone else; only its uploader or an administrator may open or commit it',
  },
  'import.expired': {
    'zh-CN': '该导入预览已过期并被删除，请重新上传文件',
    en: 'This import preview has expired and was deleted; upload the file again',
  },
  'import.no_file': { 'zh-CN': '请上传一个文件', en: 'Please upload a file' },
  'import.no_sheet': { 'zh-CN': '文件中没有工作表', en: 'The file has no worksheet' },
  'import.missing_columns': { 'zh-CN': '缺少必需的列：{columns}', en: 'Required columns are missing: {columns}' },
  'import.empty': { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  'import.too_many_rows': { 'zh-CN': '数据行过多（上限 {limit} 行）', en: 'Too many rows (limit {limit})' },
  'import.unknown_entity': { 'zh-CN': '不支持导入的对象：{entity}', en: 'Cannot import entity: {entity}' },
  'import.has_errors': {
    'zh-CN': '文件中有 {count} 处错误，未导入任何数据；请修正后重新上传',
    en: 'The file has {count:error|errors}; nothing was imported. Fix them and upload again',
  },
  'import.not_pending': {
    'zh-CN': '该导入批次已{status}，不能再次提交',
    en: 'This import batch is already {status} and cannot be committed again',
  },
  'import.stale': {
    'zh-CN': '预览后数据已被修改，请重新上传文件预览',
    en: 'The data changed after the preview; upload the file again to preview',
  },
  'import.cell.required': { 'zh-CN': '必填项为空', en: 'Required value is empty' },
  'import.cell.required_on_create': {
    'zh-CN': '新增的数据此项必填（系统中还没有该代码的记录）',
    en: 'Required for a new record (nothing with this code exists yet)',
  },
  'import.cell.not_clearable': {
    'zh-CN': '此项不能清空（“-”表示清空，仅适用于选填项）',
    en: 'This value cannot be cleared ("-" clears optional values only)',
  },
  'import.changed_since_preview': {
    'zh-CN': '预览之后，{count} 条相关数据已被他人修改；为免覆盖，本次未导入任何数据，请重新上传文件预览',
    en: '{count} of the records this file touches changed after the preview; nothing was imported so as not to overwrite them. Upload the file again to preview',
  },
  'import.cell.formula': { 'zh-CN': '单元格含公式，请粘贴为数值后再导入', en: 'The cell holds a formula; paste it as a value first' },
  'import.cell.duplicate_in_file': { 'zh-CN': '与第 {row} 行重复', en: 'Duplicates row {row}' },
  'import.cell.not_integer': { 'zh-CN': '应为整数', en: 'Must be a whole number' },
  'import.cell.out_of_range': { 'zh-CN': '应在 {min} 到 {max} 之间', en: 'Must be between {min} and {max}' },
  'import.cell.unknown_ref': { 'zh-CN': '{entity}“{code}”不存在', en: '{entity} "{code}" does not exist' },
  'import.cell.bad_choice': { 'zh-CN': '应为以下之一：{choices}', en: 'Must be one of: {choices}' },
  'import.cell.bad_id_number': { 'zh-CN': '身份证号格式或校验位不正确', en: 'The ID number is malformed or its check digit is wrong' },
  'import.cell.bad_phone': { 'zh-CN': '手机号应为 11 位数字', en: 'A mobile number has 11 digits' },
  'import.cell.too_long': { 'zh-CN': '长度不能超过 {max} 个字符', en: 'At most {max} characters' },
  'import.cell.bad_date': { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'A date is written YYYY-MM-DD' },
  'import.cell.mismatch': { 'zh-CN': '{field}与{other}不一致', en: '{field} does not match {other}' },
  'import.cell.bad_code': { 'zh-CN': '代码只能包含字母、数字、“-”和“_”', en: 'A code may hold only letters, digits, "-" and "_"' },
  'indicator.not_computable': {
    'zh-CN': '指标“{name}”的取值将由后续模块提供，目前无法计算',
    en: 'Indicator "{name}" gets its values from a later module and cannot be computed yet',
  },
  'indicator.unit_not_supported': { 'zh-CN': '指标不支持按“{unitType}”计算', en: 'The indicator cannot be computed per {unitType}' },
  'indicator.bad_bands': {
    'zh-CN': '阈值区间须按预警级别由轻到重单调排列，且不能越过目标值',
    en: 'Threshold bands must be ordered from mild to severe and must not pass the target',
  },
  'jobs.running': { 'zh-CN': '任务“{name}”正在运行，请等它结束后再试', en: 'Job "{name}" is running; try again when it has finished' },
  'jobs.unknown': { 'zh-CN': '没有名为“{name}”的定时任务', en: 'There is no job named "{name}"' },
  'notifications.unknown_kind': { 'zh-CN': '没有这些通知类型：{kinds}', en: 'No such notification kinds: {kinds}' },
  'notifications.bad_quiet_hours': { 'zh-CN': '免打扰时段应写成“22:00”这样的时间', en: 'Quiet hours are times such as "22:00"' },
  'notifications.quiet_hours_empty': { 'zh-CN': '免打扰时段的开始和结束不能相同', en: 'Quiet hours cannot start and end at the same time' },
  'notifications.smtp_exists': {
    'zh-CN': '本院校已有邮件服务器（SMTP）设置，请修改现有设置',
    en: 'This institution already has an SMTP server; edit that one',
  },
  'notifications.bad_scope': {
    'zh-CN': '群机器人所属范围不存在或不属于本院校',
    en: 'The robot’s scope does not exist or belongs to another institution',
  },
  'notifications.webhook_required': { 'zh-CN': '请填写群机器人的 Webhook 地址', en: 'Enter the robot’s webhook address' },
  'notifications.kind_changed': { 'zh-CN': '渠道类型不能修改，请新建一个渠道', en: 'A channel’s kind cannot change; create a new channel' },
  'notifications.no_own_email': {
    'zh-CN': '请先在“通知设置”中填写您自己的邮箱，测试邮件将发到那里',
    en: 'Enter your own e-mail under Notification settings first; the test mail goes there',
  },
  'notifications.not_failed': { 'zh-CN': '只有投递失败的记录可以重新投递', en: 'Only a failed delivery can be retried' },
  'notifications.sealed_gone': {
    'zh-CN': '这封邮件含一次性内容（如激活码），投递失败后已销毁，不能重发；请在“用户与权限”中重新发放激活码',
    en: 'This mail held one-time content (such as an activation code), destroyed when delivery failed; it cannot be retried. Issue a new activation code under Users and roles',
  },
  'attachments.unknown_purpose': { 'zh-CN': '不能为“{purpose}”上传附件', en: 'Files cannot be uploaded for "{purpose}"' },
  'attachments.empty': { 'zh-CN': '文件是空的', en: 'The file is empty' },
  'attachments.too_large': { 'zh-CN': '文件超过大小上限 {limitMb} MB', en: 'The file exceeds the size limit of {limitMb} MB' },
  'attachments.bad_type': {
    'zh-CN': '只接受{kinds}；上传的文件实际是 {detected}（按文件内容判断，与文件名无关）',
    en: 'Only {kinds} are accepted; the file is actually {detected} (judged by its content, not its name)',
  },
  'attachments.missing_blob': {
    'zh-CN': '附件内容已不在存储中，请联系管理员',
    en: 'The file’s content is no longer in storage; contact the administrator',
  },
  'attachments.storage_failed': {
    'zh-CN': '文件存储暂时不可用，请稍后重试；如持续出现请联系管理员',
    en: 'File storage is not available right now; try again later, and tell the administrator if it persists',
  },
  'attachments.linked': {
    'zh-CN': '附件已作为证明材料提交，不能删除',
    en: 'The file has been submitted as evidence and cannot be removed',
  },
  'attachments.not_staged': { 'zh-CN': '附件 {id} 不存在或不是您上传的', en: 'File {id} does not exist or was not uploaded by you' },
  'attachments.already_linked': { 'zh-CN': '附件“{name}”已经提交过', en: 'File "{name}" has already been submitted' },
  'attachments.wrong_purpose': { 'zh-CN': '附件“{name}”不是为此类记录上传的', en: 'File "{name}" was uploaded for another kind of record' },
  'attachments.too_many': { 'zh-CN': '附件最多 {max} 个', en: 'At most {max} files' },
  'entity.attachment': { 'zh-CN': '附件', en: 'file' },
  'entity.notification': { 'zh-CN': '通知', en: 'notification' },
  'entity.notification_channel': { 'zh-CN': '通知渠道', en: 'notification channel' },
  'entity.notification_delivery': { 'zh-CN': '投递记录', en: 'delivery' },
  'entity.job': { 'zh-CN': '定时任务', en: 'job' },
  'entity.user': { 'zh-CN': '用户', en: 'user' },
  'entity.role_grant': { 'zh-CN': '角色授权', en: 'role grant' },
  'entity.identity_provider': { 'zh-CN': '统一身份认证', en: 'identity provider' },
  'entity.role': { 'zh-CN': '角色', en: 'role' },
  'entity.import': { 'zh-CN': '导入批次', en: 'import batch' },
  'entity.indicator': { 'zh-CN': '指标', en: 'indicator' },
} as const satisfies MessageTable;

/**
 * Every message key: the platform's, and each module's (its messages.ts adds them with
 * `declare module '…/platform/messages.ts' { interface MessageCatalog extends Record<keyof typeof table, true> {} }`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MessageCatalog extends Record<keyof typeof platformMessages, true> {}
export type MessageKey = keyof MessageCatalog & string;
/** A text in both languages, for a parameter that is itself a word or a sentence (a status, a problem). */
export type LocalizedText = Record<Locale, string>;
export type MessageParams = Record<string, string | number | LocalizedText>;

const catalog = new Map<string, Record<Locale, string>>(Object.entries(platformMessages));

/** Adds a module's messages to the catalog (at import of its messages.ts); a key defined twice differently is a bug. */
export function defineMessages<const T extends MessageTable>(table: T): T {
  for (const [key, text] of Object.entries(table)) {
    const existing = catalog.get(key);
    if (existing && (existing['zh-CN'] !== text['zh-CN'] || existing.en !== text.en)) throw new Error(`Message ${key} is defined twice`);
    catalog.set(key, text);
  }
  return table;
}

/** Every registered message (the platform's and those of the modules loaded so far). */
export function messageCatalog(): Array<[string, Record<Locale, string>]> {
  return [...catalog];
}

export function hasMessage(key: string): key is MessageKey {
  return catalog.has(key);
}

export function translate(key: MessageKey, locale: Locale, params: MessageParams = {}): string {
  const entry = catalog.get(key);
  // A key whose module was never loaded shows as itself rather than failing the request that reports it.
  const template: string = entry ? entry[locale] : key;
  // `{count:problem|problems}` is a count with its noun in English: "1 problem", "3 problems".
  return template.replace(/\{(\w+)(?::([^|{}]+)\|([^{}]+))?\}/g, (whole, name: string, one?: string, other?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    const text = typeof value === 'object' ? value[locale] : String(value);
    return one === undefined ? text : `${text} ${Number(value) === 1 ? one : other}`;
  });
}

/** A count with its English noun, singular for one: countOf(1, 'teacher', 'teachers') → "1 teacher". */
export function countOf(count: number, one: string, other: string, format: (value: number) => string = String): string {
  return `${format(count)} ${count === 1 ? one : other}`;
}

/** A message in both languages, to pass on as a parameter of another message. */
export function translateBoth(key: MessageKey, params: MessageParams = {}): LocalizedText {
  return { 'zh-CN': translate(key, 'zh-CN', params), en: translate(key, 'en', params) };
}

export function localeFromHeader(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** The name of an entity as it appears inside messages (`entity.<name>`, defined by the module that owns it). */
export function entityName(name: string, locale: Locale): string {
  const key = `entity.${name}`;
  return hasMessage(key) ? translate(key, locale) : name;
}
