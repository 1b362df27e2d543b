import { defineMessages } from '../../platform/messages.ts';

/** The credit bank module's messages (zh-CN first, English complete). */
export const creditbankMessages = defineMessages({
  // 审计日志中的操作名称 / what each audit action is called in the audit log
  'audit.creditbank.certificate.create': { 'zh-CN': '新增证书', en: 'Add a certificate' },
  'audit.creditbank.competition.create': { 'zh-CN': '新增技能大赛', en: 'Add a competition' },
  'audit.creditbank.mapping.set': { 'zh-CN': '设置证书-课程映射', en: 'Set certificate–course mappings' },
  'audit.creditbank.claim.submit': { 'zh-CN': '提交学分认定申请', en: 'Submit a credit claim' },
  'audit.creditbank.claim.evidence': { 'zh-CN': '补充证明材料', en: 'Add evidence' },
  'audit.creditbank.claim.verify': { 'zh-CN': '核验学分认定申请', en: 'Verify a claim' },
  'audit.creditbank.claim.grant': { 'zh-CN': '认定学分', en: 'Grant credits' },
  'audit.creditbank.claim.reject': { 'zh-CN': '驳回学分认定申请', en: 'Reject a claim' },
  'audit.creditbank.claim.reverse': { 'zh-CN': '撤销已认定学分', en: 'Reverse a grant' },
  'audit.creditbank.import.grant': { 'zh-CN': '证书成绩导入：认定', en: 'Certificate results: granted' },
  'audit.creditbank.import.review': { 'zh-CN': '证书成绩导入：转人工核对', en: 'Certificate results: to review' },
  'audit.creditbank.import_review.match': { 'zh-CN': '人工核对：匹配学生', en: 'Review: match to a student' },
  'audit.creditbank.import_review.dismiss': { 'zh-CN': '人工核对：驳回', en: 'Review: dismiss' },
  'audit.creditbank.rules.draft': { 'zh-CN': '起草学分置换规则', en: 'Draft conversion rules' },
  'audit.creditbank.rules.update': { 'zh-CN': '修改学分置换规则', en: 'Change conversion rules' },
  'audit.creditbank.rules.approve': { 'zh-CN': '批准学分置换规则', en: 'Approve conversion rules' },
  'audit.creditbank.pathway.save': { 'zh-CN': '修改成长路径', en: 'Change the pathway' },
  'audit.creditbank.credential.issue': { 'zh-CN': '签发可验证学分证明', en: 'Issue a verifiable credential' },
  'audit.creditbank.settings.update': { 'zh-CN': '修改学分银行审核设置', en: 'Change the credit-bank review settings' },
  'audit.creditbank.transcript.export': { 'zh-CN': '导出学分成绩单', en: 'Export a credit transcript' },
  'audit.creditbank.credential.key_created': { 'zh-CN': '生成签名密钥', en: 'Create a signing key' },
  'creditbank.rules.bad_credits': {
    'zh-CN': '“{field}”的学分 {value} 不合理：应在 0–20 之间，以 0.5 学分为单位',
    en: '{field}: {value} credits is not allowed (0–20, in half credits)',
  },
  'creditbank.rules.level_order': {
    'zh-CN': '“{field}”：等级越高，置换学分不应越少',
    en: '{field}: a higher level cannot give fewer credits',
  },
  'creditbank.rules.bad_cap': {
    'zh-CN': '每名学生置换学分上限 {value} 不合理：应大于 0、不超过 80',
    en: 'Per-student cap {value} is not allowed (above 0, at most 80)',
  },
  'creditbank.rules.bad_share': {
    'zh-CN': '置换学分占培养方案毕业学分的比例 {value} 不合理：应大于 0、不超过 1',
    en: 'Share of programme credits {value} is not allowed (above 0, at most 1)',
  },
  'creditbank.rules.invalid': {
    'zh-CN': '置换规则有 {count} 处不合理：{first}',
    en: 'The conversion rules have {count:problem|problems}: {first}',
  },
  'creditbank.rules.not_draft': {
    'zh-CN': '只有草稿版本可以修改或审批，该版本状态为“{status}”',
    en: 'Only a draft version can be edited or approved; this one is {status}',
  },
  'creditbank.rules.none_valid': {
    'zh-CN': '{date} 没有生效的学分置换规则，请先由教务处审批一个版本',
    en: 'No approved conversion rules are valid on {date}',
  },
  'creditbank.rules.own_approval': { 'zh-CN': '不能审批自己起草的规则版本', en: 'You cannot approve a rule version you drafted' },
  'creditbank.explain.course': { 'zh-CN': '课程学分 {credits} 学分', en: 'Course credits: {credits}' },
  'creditbank.explain.cross_group_certificate': {
    'zh-CN': '跨群证书按等级置换 {credits} 学分（同一证书已置换 {already} 学分）',
    en: 'Cross-group certificate: {credits} credits for its level ({already} already given for this certificate)',
  },
  'creditbank.explain.own_group_certificate': {
    'zh-CN': '本群证书按等级置换 {credits} 学分（同一证书已置换 {already} 学分）',
    en: 'Own-group certificate: {credits} credits for its level ({already} already given for this certificate)',
  },
  'creditbank.explain.competition': { 'zh-CN': '技能大赛获奖置换 {credits} 学分', en: 'Competition award: {credits} credits' },
  'creditbank.explain.exemption': {
    'zh-CN': '凭证书免修对应课程，计 {credits} 学分',
    en: 'Course exempted on the certificate: {credits} credits',
  },
  'creditbank.refused.exemption_needs_certificate': { 'zh-CN': '只有证书可以申请课程免修', en: 'Only a certificate can exempt a course' },
  'creditbank.refused.exemption_disabled': {
    'zh-CN': '现行规则不允许以证书免修课程',
    en: 'The current rules do not allow course exemptions',
  },
  'creditbank.refused.not_mapped': {
    'zh-CN': '该证书（此等级）与所选课程没有“证书-课程”映射关系，不能免修',
    en: 'This certificate at this level is not mapped to the course, so it cannot exempt it',
  },
  'creditbank.refused.course_already_passed': {
    'zh-CN': '该课程已修读合格，不需要免修',
    en: 'The course is already passed; no exemption needed',
  },
  'creditbank.refused.course_already_exempted': { 'zh-CN': '该课程已经免修过', en: 'The course is already exempted' },
  'creditbank.refused.cap_reached': {
    'zh-CN': '置换学分已达上限 {cap} 学分，不能再置换',
    en: 'Converted credits have reached the cap of {cap}',
  },
  'creditbank.refused.cap_reached_exemption': {
    'zh-CN': '免修该课程需 {credits} 学分，超出置换上限（上限 {cap} 学分，已用 {used} 学分）',
    en: 'Exempting this course takes {credits} credits, over the cap ({used} of {cap} used)',
  },
  'creditbank.refused.superseded': {
    'zh-CN': '同一证书已按相同或更高等级置换过学分，同一成果不能重复计算',
    en: 'This certificate was already converted at the same or a higher level; an outcome counts once',
  },
  'creditbank.claim.evidence_closed': {
    'zh-CN': '申请已“{status}”，不能再补充证明材料',
    en: 'The claim is {status}; no more evidence can be added',
  },
  'creditbank.claim.bad_transition': {
    'zh-CN': '当前状态为“{status}”的申请不能执行“{action}”',
    en: 'A claim that is {status} cannot be {action}',
  },
  'creditbank.claim.own_claim': { 'zh-CN': '不能审核自己提交的申请', en: 'You cannot review a claim you submitted' },
  'creditbank.claim.duplicate': {
    'zh-CN': '该成果已登记（{identity}），同一成果不能重复计算',
    en: 'This outcome is already on record ({identity}); an outcome counts once',
  },
  'creditbank.claim.same_level': {
    'zh-CN':
      '已有同一证书同一等级的申请：“{certificate}”{level}（证书编号 {certificateNo}，{status}）。同一证书同一等级只认定一次，无论证书编号；该申请被退回后可以重新提交',
    en: 'There is already a claim for {certificate} at {level} (certificate no. {certificateNo}, {status}). A certificate counts once per level, whatever its number; you may claim again if that claim is rejected',
  },
  'creditbank.claim.four_eyes': {
    'zh-CN': '四眼原则：核验该申请的人不能再认定它，请由另一位审核人认定',
    en: 'Four eyes: whoever verified this claim cannot grant it; another reviewer must grant it',
  },
  'creditbank.claim.grant_changed': {
    'zh-CN': '认定结果已变化（现为 {category} {credits} 学分），请重新确认',
    en: 'What the grant gives has changed (now {credits} credits, {category}); confirm again',
  },
  'creditbank.settings.stale': {
    'zh-CN': '审核设置已被他人修改，请刷新后重试',
    en: 'Someone else changed the review settings; reload and try again',
  },
  'creditbank.transcript.font_missing': {
    'zh-CN':
      '服务器上没有能打印中文的字体，暂时无法生成 PDF 成绩单。请管理员安装中文字体（如 Debian 的 fonts-noto-cjk），或用环境变量 PDF_FONT 指定字体文件',
    en: 'The server has no font that prints Chinese, so the PDF transcript cannot be made. An administrator can install one (e.g. Debian’s fonts-noto-cjk) or name a font file in PDF_FONT',
  },
  'creditbank.transcript.font_unusable': {
    'zh-CN': 'PDF_FONT 指定的字体文件“{path}”不存在，或不含中文字形，暂时无法生成 PDF 成绩单。请管理员改为可打印中文的字体文件',
    en: 'The font file PDF_FONT names ({path}) does not exist or has no Chinese glyphs, so the PDF transcript cannot be made. An administrator can name a font that prints Chinese',
  },
  'creditbank.transcript.not_found': {
    'zh-CN': '找不到该二维码对应的成绩单，请确认扫描的是本校打印的学分成绩单',
    en: 'No transcript has this code; check that it is a credit transcript printed by the institution',
  },
  'creditbank.claim.stale': { 'zh-CN': '该申请已被他人修改，请刷新后重试', en: 'Someone else changed this claim; reload and try again' },
  'creditbank.claim.level_not_offered': { 'zh-CN': '证书“{name}”没有“{level}”等级', en: 'Certificate {name} has no {level} level' },
  'creditbank.claim.not_own_student': { 'zh-CN': '学生只能为自己提交学分认定申请', en: 'Students can only submit claims for themselves' },
  'creditbank.ledger.intact': {
    'zh-CN': '账本完整：{count} 条记录，哈希链校验通过',
    en: 'Ledger intact: {count:entry|entries}, hash chain verified',
  },
  'creditbank.import.bad_date': {
    'zh-CN': '发证日期不是有效日期（如 2026-06-30 或 2026年6月30日）',
    en: 'The issue date is not a valid date (e.g. 2026-06-30)',
  },
  'creditbank.review.closed': { 'zh-CN': '该记录{status}，不能再处理', en: 'This row is already {status} and cannot be handled again' },
  'creditbank.review.own_import': {
    'zh-CN': '不能核对自己导入的记录，请由另一位审核人处理',
    en: 'You cannot resolve a row you imported; another reviewer must',
  },
  'creditbank.pathway.academic.secondary_done': {
    'zh-CN': '中职学历（或同等学力，已被高职录取）',
    en: 'Secondary vocational diploma (or equivalent: admitted to higher vocational study)',
  },
  'creditbank.pathway.academic.credit_share': {
    'zh-CN': '完成相应学年学业（课程学分达到 {required}）',
    en: "The year's coursework ({required} course credits)",
  },
  'creditbank.pathway.academic.graduated': { 'zh-CN': '高职学历（毕业）', en: 'Higher vocational diploma (graduated)' },
  'creditbank.pathway.certificate': { 'zh-CN': '{level}及以上职业技能等级证书', en: 'A skill-level certificate at {level} or above' },
  'creditbank.pathway.detail.secondary_met': {
    'zh-CN': '已具备中职学历或同等学力',
    en: 'Holds a secondary vocational diploma or equivalent',
  },
  'creditbank.pathway.detail.secondary_missing': {
    'zh-CN': '尚未取得中职学历（需完成中职学业并毕业）',
    en: 'No secondary vocational diploma yet (finish and graduate)',
  },
  'creditbank.pathway.detail.credits_met': {
    'zh-CN': '已修课程学分 {earned}，达到要求 {required}',
    en: '{earned} course credits earned, {required} required',
  },
  'creditbank.pathway.detail.credits_missing': {
    'zh-CN': '还差 {gap} 学分（已修 {earned}，需 {required}）',
    en: '{gap} credits to go ({earned} earned, {required} required)',
  },
  'creditbank.pathway.detail.graduated_met': { 'zh-CN': '已完成高职学业', en: 'Higher vocational study completed' },
  'creditbank.pathway.detail.graduated_missing': { 'zh-CN': '尚未毕业', en: 'Not graduated yet' },
  'creditbank.pathway.detail.graduated_missing_credits': {
    'zh-CN': '尚未毕业（已修 {earned}，毕业要求 {required} 学分）',
    en: 'Not graduated yet ({earned} of {required} credits)',
  },
  'creditbank.pathway.detail.certificate_met': { 'zh-CN': '已取得{level}证书（{name}）', en: 'Holds {name} at {level}' },
  'creditbank.pathway.detail.certificate_missing': {
    'zh-CN': '需取得{level}及以上证书（目前最高：{held}）',
    en: 'Needs a certificate at {level} or above (highest now: {held})',
  },
  'creditbank.pathway.bad_order': {
    'zh-CN': '成长路径应依次包含初级学徒、中级学徒、高级学徒、准工匠四个阶段',
    en: 'The pathway has four stages in order: junior, intermediate, senior apprentice, craftsman candidate',
  },
  'creditbank.pathway.bad_level': { 'zh-CN': '证书等级不存在', en: 'Unknown certificate level' },
  'creditbank.pathway.level_falls': {
    'zh-CN': '“{stage}”要求的证书等级不能低于前一阶段',
    en: '{stage}: the certificate level cannot be lower than the stage before',
  },
  'creditbank.pathway.bad_credits': {
    'zh-CN': '“{stage}”的学业要求不合理：比例应大于 0、不超过 1，学分在 0–300 之间',
    en: '{stage}: the share must be above 0 and at most 1, credits 0–300',
  },
  'creditbank.pathway.credits_fall': {
    'zh-CN': '“{stage}”的学业要求不能低于前一阶段',
    en: '{stage}: the coursework required cannot be less than the stage before',
  },
  'creditbank.pathway.invalid': {
    'zh-CN': '成长路径设置有 {count} 处不合理：{first}',
    en: 'The pathway settings have {count:problem|problems}: {first}',
  },
  'creditbank.pathway.stale': {
    'zh-CN': '成长路径设置已被他人修改，请刷新后重试',
    en: 'Someone else changed the pathway settings; reload and try again',
  },
  'creditbank.ledger.broken': {
    'zh-CN': '账本被改动：发现 {count} 处问题，第一处在第 {seq} 条（{problem}）',
    en: 'Ledger tampered: {count:problem|problems}, the first at entry {seq} ({problem})',
  },
  'creditbank.credential.not_granted': {
    'zh-CN': '只有已认定的学习成果才能生成可验证学分证明，该成果尚未认定',
    en: 'Only a granted outcome can have a verifiable credential; this one is not granted',
  },
  'creditbank.credential.reversed': {
    'zh-CN': '该成果的学分认定已撤销，不能再生成可验证学分证明',
    en: 'The grant of this outcome was reversed; no credential can be issued for it',
  },
  'creditbank.credential.not_found': { 'zh-CN': '找不到可验证学分证明（编号 {id}）', en: 'No verifiable credential with id {id}' },
  'creditbank.credential.issuer_not_found': { 'zh-CN': '找不到签发机构（院校编号 {id}）', en: 'No issuer with institution id {id}' },
  'creditbank.credential.status_list_not_found': { 'zh-CN': '找不到状态列表（编号 {id}）', en: 'No status list with id {id}' },
  'creditbank.credential.not_a_credential': {
    'zh-CN': '提交的 JSON 不是 W3C 可验证凭证（{reason}）',
    en: 'The JSON is not a W3C verifiable credential ({reason})',
  },
  'creditbank.credential.check.format.ok': {
    'zh-CN': '格式：Open Badges 3.0 成就凭证（W3C 可验证凭证 2.0）',
    en: 'Format: Open Badges 3.0 achievement credential (W3C Verifiable Credentials 2.0)',
  },
  'creditbank.credential.check.format.not_open_badge': {
    'zh-CN': '格式：不是 Open Badges 3.0 成就凭证',
    en: 'Format: not an Open Badges 3.0 achievement credential',
  },
  'creditbank.credential.check.issuer.ok': { 'zh-CN': '签发机构：{name}', en: 'Issuer: {name}' },
  'creditbank.credential.check.issuer.unknown': {
    'zh-CN': '签发机构 {issuer} 不是本平台登记的院校，无法核验',
    en: 'Issuer {issuer} is not an institution of this platform, so it cannot be checked here',
  },
  'creditbank.credential.check.key.ok': { 'zh-CN': '签名密钥 {key} 由签发机构公布', en: 'Signing key {key} is published by the issuer' },
  'creditbank.credential.check.key.unknown': {
    'zh-CN': '签名密钥 {key} 不是签发机构公布的密钥',
    en: 'Signing key {key} is not one the issuer publishes',
  },
  'creditbank.credential.check.signature.ok': {
    'zh-CN': '数字签名有效（Ed25519，eddsa-rdfc-2022）：内容未被改动',
    en: 'Signature valid (Ed25519, eddsa-rdfc-2022): the content is unchanged',
  },
  'creditbank.credential.check.signature.no_proof': {
    'zh-CN': '数字签名：凭证没有签名（proof）',
    en: 'Signature: the credential has no proof',
  },
  'creditbank.credential.check.signature.unsupported_proof': {
    'zh-CN': '数字签名：签名类型不受支持（应为 DataIntegrityProof / eddsa-rdfc-2022）',
    en: 'Signature: unsupported proof (expected DataIntegrityProof / eddsa-rdfc-2022)',
  },
  'creditbank.credential.check.signature.wrong_purpose': {
    'zh-CN': '数字签名：签名用途不是“断言”（assertionMethod）',
    en: 'Signature: the proof purpose is not assertionMethod',
  },
  'creditbank.credential.check.signature.unknown_key': {
    'zh-CN': '数字签名：没有签发机构的可信密钥，无法验证',
    en: 'Signature: no trusted key of the issuer to check it with',
  },
  'creditbank.credential.check.signature.malformed': {
    'zh-CN': '数字签名：签名或凭证内容格式错误',
    en: 'Signature: the proof or the credential content is malformed',
  },
  'creditbank.credential.check.signature.invalid_signature': {
    'zh-CN': '数字签名无效：凭证内容被改动，或签名不是签发机构所签',
    en: 'Signature invalid: the content was changed, or the issuer did not sign it',
  },
  'creditbank.credential.check.status.ok': { 'zh-CN': '撤销状态：未被撤销', en: 'Status: not revoked' },
  'creditbank.credential.check.status.revoked': {
    'zh-CN': '撤销状态：已撤销（所依据的学分认定已被撤销）',
    en: 'Status: revoked (the credit grant it rests on was reversed)',
  },
  'creditbank.credential.check.status.missing': {
    'zh-CN': '撤销状态：凭证没有状态信息（credentialStatus）',
    en: 'Status: the credential has no credentialStatus',
  },
  'creditbank.credential.check.status.unknown_list': {
    'zh-CN': '撤销状态：状态列表不是签发机构的，无法确认',
    en: "Status: the status list is not the issuer's, so the status cannot be confirmed",
  },
  'creditbank.credential.check.status.bad_entry': {
    'zh-CN': '撤销状态：状态信息格式错误',
    en: 'Status: the credentialStatus entry is malformed',
  },
  'creditbank.credential.check.validity.ok': { 'zh-CN': '有效期：自 {from} 起有效', en: 'Validity: valid from {from}' },
  'creditbank.credential.check.validity.not_yet': { 'zh-CN': '有效期：{from} 才生效', en: 'Validity: not valid before {from}' },
  'creditbank.credential.check.validity.expired': { 'zh-CN': '有效期：已于 {until} 过期', en: 'Validity: expired on {until}' },
  'creditbank.credential.check.validity.bad_date': { 'zh-CN': '有效期：日期格式错误', en: 'Validity: the dates are malformed' },
  'notify.claim_decided.title': { 'zh-CN': '学分认定结果：{decision}', en: 'Credit claim {decision}' },
  'notify.claim_decided.body': {
    'zh-CN': '您的学分认定申请（{claim}）{decision}。{detail}',
    en: 'Your credit claim ({claim}) was {decision}. {detail}',
  },
  'creditbank.credential.too_large': {
    'zh-CN': '证明文件过大：最多 {nodes} 个数据项、嵌套 {depth} 层',
    en: 'The credential is too large: at most {nodes} values, nested {depth} levels deep',
  },
  'creditbank.credential.too_complex': {
    'zh-CN': '证明文件过于复杂，无法在限定时间内完成验证',
    en: 'The credential is too complex to verify in the time allowed',
  },
  'entity.certificate': { 'zh-CN': '证书', en: 'certificate' },
  'entity.competition': { 'zh-CN': '技能大赛', en: 'competition' },
  'entity.certificate_mapping': { 'zh-CN': '证书-课程映射', en: 'certificate–course mapping' },
  'entity.conversion_rules': { 'zh-CN': '学分置换规则', en: 'conversion rules' },
  'entity.learning_outcome': { 'zh-CN': '学分认定申请', en: 'credit claim' },
  'entity.certificate_import_review': { 'zh-CN': '待核对的证书成绩', en: 'certificate result under review' },
  'entity.creditbank_settings': { 'zh-CN': '学分银行审核设置', en: 'credit-bank review settings' },
  'entity.credit_transcript': { 'zh-CN': '学分成绩单', en: 'credit transcript' },
});

declare module '../../platform/messages.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageCatalog extends Record<keyof typeof creditbankMessages, true> {}
}
