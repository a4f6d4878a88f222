// The dashboard's words in Vietnamese (default) and English. Stage names come
// from the server (/ui/labels.json), the same list its messages use.
const DICT = {
  vi: {
    title: 'Phát triển đảng viên',
    signIn: 'Đăng nhập',
    signOut: 'Đăng xuất',
    tokenLabel: 'Mã truy cập (token) do quản trị cấp',
    tokenHelp: '`npm start` in ra một mã cho mỗi vai trò của tỉnh mẫu.',
    badToken: 'Mã truy cập không hợp lệ hoặc đã hết hạn.',
    language: 'English',
    loading: 'Đang tải…',
    roles: { cell_secretary: 'Bí thư chi bộ', committee: 'Cấp ủy', auditor: 'Kiểm tra', admin: 'Quản trị' },
    nav: {
      cases: 'Hồ sơ',
      alerts: 'Cảnh báo quá hạn',
      decisions: 'Chờ quyết định',
      targets: 'Chỉ tiêu',
      audit: 'Kiểm tra hồ sơ',
      register: 'Đăng ký quần chúng',
    },
    myCases: 'Quần chúng và đảng viên dự bị của chi bộ',
    overdue: 'Quá hạn',
    dueThisWeek: 'Đến hạn tuần này (đến {date})',
    byStage: 'Theo giai đoạn',
    none: 'Không có.',
    caseId: 'Mã hồ sơ',
    name: 'Họ và tên',
    stage: 'Giai đoạn',
    cell: 'Chi bộ',
    nextDue: 'Hạn kế tiếp',
    level: 'Mức cảnh báo',
    open: 'Mở',
    dossier: 'Hồ sơ kết nạp',
    recognitionDossier: 'Hồ sơ công nhận chính thức',
    form: 'Mẫu',
    paper: 'Giấy tờ',
    recordedOn: 'Ngày',
    signedBy: 'Người ký',
    expiresOn: 'Hết hạn',
    status: 'Tình trạng',
    dossierStatus: {
      recorded: 'Đã có',
      missing: 'Còn thiếu',
      expired: 'Đã hết hạn',
      expires_before_vote: 'Hết hạn trước kỳ họp',
      optional: 'Nếu có',
    },
    voteCheck: 'Nếu chi bộ xét ngày {date}:',
    voteReady: 'Hồ sơ đủ điều kiện để chi bộ xét ngày {date}.',
    deadlines: 'Thời hạn',
    deadline: 'Việc',
    dueDate: 'Hạn',
    answerBy: 'Trách nhiệm',
    metOn: 'Hoàn thành',
    late: 'Trễ (ngày làm việc)',
    trail: 'Các bước đã ghi nhận',
    date: 'Ngày',
    step: 'Bước',
    recordedBy: 'Người nhập',
    stageAfter: 'Giai đoạn sau',
    nextStep: 'Ghi nhận bước tiếp theo',
    chooseStep: 'Chọn bước…',
    otherSteps: 'Bước khác',
    record: 'Ghi nhận',
    recorded: 'Đã ghi nhận. Giai đoạn: {stage}.',
    refused: 'Chưa thể ghi nhận bước này theo Điều lệ:',
    invalid: 'Thông tin chưa đúng',
    noSteps: 'Không có bước nào bạn có thể ghi nhận ở giai đoạn này.',
    datePlaceholder: 'dd/MM/yyyy',
    badDate: '{field}: ngày phải viết dd/MM/yyyy',
    minutesFile: 'hoặc chọn tệp biên bản để tính mã',
    alertsOf: 'Cảnh báo quá hạn của {org}',
    raisedOn: 'Ngày cảnh báo',
    summary: 'Nội dung',
    acknowledge: 'Xác nhận',
    acknowledgedBy: 'Đã xác nhận: {by}, {date}',
    pending: 'Hồ sơ chờ cấp ủy quyết định',
    pendingAdmission: 'Chờ quyết định kết nạp',
    pendingRecognition: 'Chờ quyết định công nhận chính thức',
    decide: 'Quyết định',
    year: 'Năm',
    officialMembers: 'Đảng viên chính thức',
    probationaryMembers: 'Đảng viên dự bị',
    target: 'Chỉ tiêu kết nạp năm',
    targetShare: 'tỷ lệ {share}',
    admitted: 'Đã kết nạp',
    percentOfPlan: 'Đạt % kế hoạch',
    workforce: 'Lực lượng lao động',
    membersShare: 'Tỷ lệ đảng viên / lao động',
    potential: 'Nguồn (chưa là đảng viên)',
    funnel: 'Số hồ sơ đang ở từng giai đoạn',
    admittedByUnit: 'Kết nạp theo đơn vị so với chỉ tiêu',
    stageTimes: 'Tỷ lệ chuyển tiếp và thời gian trung vị mỗi giai đoạn',
    stageTimesFrom: 'Tính trên {n} hồ sơ gần nhất.',
    entered: 'Đã vào',
    movedOn: 'Chuyển tiếp',
    conversion: 'Tỷ lệ',
    medianDays: 'Trung vị (ngày)',
    noAdmission: 'Chi bộ chưa kết nạp đảng viên năm {year}',
    reportForm: 'Báo cáo kết quả kết nạp đảng viên năm {year}',
    unit: 'Tổ chức đảng',
    exportCsv: 'Tải CSV',
    exportXlsx: 'Tải Excel',
    docs: {
      title: 'Tải văn bản',
      number: 'Số văn bản',
      recorded: 'Số {n} (đã ghi)',
      suggested: 'Đề xuất số {n}',
    },
    downloadReport: 'Tải báo cáo',
    auditTitle: 'Kiểm tra hồ sơ',
    auditOpen: 'Mở hồ sơ',
    auditClean: 'Hồ sơ đúng quy định: phát lại lịch sử khớp, không có vi phạm.',
    auditNotClean: 'Có {n} điểm cần lưu ý.',
    replayFailed: 'Lịch sử không phát lại được: {error}',
    policy: 'Bộ quy định',
    rules: 'Quy định đã kiểm tra',
    outcome: 'Kết quả',
    passed: 'Đạt',
    findings: 'Phát hiện',
    paperRecord: 'nhập từ hồ sơ giấy',
    timeline: 'Diễn biến',
    asOf: 'Tình trạng tại ngày',
    show: 'Xem',
    asOfNotRegistered: 'Ngày {date}: hồ sơ chưa được đăng ký.',
    openAlerts: 'Cảnh báo đang mở',
    findingKind: {
      should_have_been_refused: 'Lẽ ra phải từ chối',
      paper_expired: 'Giấy tờ hết hạn',
      vote_below_two_thirds: 'Biểu quyết dưới hai phần ba',
      deadline_met_late: 'Hoàn thành trễ hạn',
      deadline_overdue: 'Đang quá hạn',
    },
    timelineKind: {
      registered: 'Đăng ký quần chúng ưu tú',
      timer: 'Hẹn giờ thời hạn',
      timer_fired: 'Đến hạn',
      alert_sent: 'Gửi cảnh báo',
      alert_closed: 'Đóng cảnh báo',
      continued_as_new: 'Chuyển sang lượt chạy mới',
      continued_from: 'Tiếp nối lượt chạy trước',
      closed: 'Kết thúc hồ sơ',
    },
    register: 'Đăng ký quần chúng ưu tú',
    registered: 'Đã đăng ký hồ sơ {id}.',
    error: 'Lỗi: {message}',
    forbidden: 'Không có quyền: {reason}',
    correct: 'Sửa',
    correctTitle: 'Sửa bước số {seq}: {step}',
    correctHelp: 'Nhập lại bước như lẽ ra phải ghi nhận. Bản ghi ban đầu vẫn được giữ trong hồ sơ.',
    correctSubmit: 'Ghi nhận bản sửa',
    cancel: 'Hủy',
    reasonRequired: 'Lý do sửa: bắt buộc',
    correctedFlash: 'Đã sửa bước số {seq}. Giai đoạn: {stage}.',
    correctedNote: 'Đã sửa ngày {date} bởi {by}: lý do {reason}',
    firstRecorded: 'Ghi nhận ban đầu → hiện tại:',
    correctionOf: 'Sửa bước số {seq}: {step}',
    correctionReason: 'Lý do: {reason}',
    auditCorrected: 'đã sửa',
    auditCorrectedNote: 'Đã sửa ngày {date} bởi {by}: lý do {reason}',
    correctStepOf: 'bước số {seq}',
    boolYes: 'có',
    boolNo: 'không',
    // Search, print and the phone's cards (issue 20).
    searchLabel: 'Tìm hồ sơ',
    searchPlaceholder: 'Họ tên, mã hồ sơ hoặc giai đoạn',
    overdueOnly: 'Chỉ hồ sơ quá hạn',
    searchCount: '{n} / {total} hồ sơ',
    print: 'In trang này',
    printedAt: 'In lúc {time} (giờ Việt Nam)',
    actions: 'Thao tác',
  },
  en: {
    title: 'Membership development',
    signIn: 'Sign in',
    signOut: 'Sign out',
    tokenLabel: 'Access token issued by the administrator',
    tokenHelp: '`npm start` prints one token per role of the demo province.',
    badToken: 'The token is invalid or has expired.',
    language: 'Tiếng Việt',
    loading: 'Loading…',
    roles: { cell_secretary: 'Cell secretary', committee: 'Committee', auditor: 'Auditor', admin: 'Administrator' },
    nav: {
      cases: 'Cases',
      alerts: 'Overdue alerts',
      decisions: 'Awaiting decision',
      targets: 'Targets',
      audit: 'Audit a case',
      register: 'Register a candidate',
    },
    myCases: "The cell's candidates and probationers",
    overdue: 'Overdue',
    dueThisWeek: 'Due this week (by {date})',
    byStage: 'By stage',
    none: 'None.',
    caseId: 'Case',
    name: 'Full name',
    stage: 'Stage',
    cell: 'Cell',
    nextDue: 'Next due',
    level: 'Alert level',
    open: 'Open',
    dossier: 'Admission dossier',
    recognitionDossier: 'Recognition dossier',
    form: 'Form',
    paper: 'Paper',
    recordedOn: 'Date',
    signedBy: 'Signed by',
    expiresOn: 'Expires',
    status: 'Status',
    dossierStatus: {
      recorded: 'Recorded',
      missing: 'Missing',
      expired: 'Expired',
      expires_before_vote: 'Expires before the meeting',
      optional: 'If applicable',
    },
    voteCheck: 'If the cell voted on {date}:',
    voteReady: 'The dossier is ready for a cell vote on {date}.',
    deadlines: 'Deadlines',
    deadline: 'What',
    dueDate: 'Due',
    answerBy: 'Answers for it',
    metOn: 'Met on',
    late: 'Late (working days)',
    trail: 'Recorded steps',
    date: 'Date',
    step: 'Step',
    recordedBy: 'Recorded by',
    stageAfter: 'Stage after',
    nextStep: 'Record the next step',
    chooseStep: 'Choose a step…',
    otherSteps: 'Other steps',
    record: 'Record',
    recorded: 'Recorded. Stage: {stage}.',
    refused: 'The charter does not allow this step yet:',
    invalid: 'Please correct',
    noSteps: 'There is no step you can record at this stage.',
    datePlaceholder: 'dd/MM/yyyy',
    badDate: '{field}: write the date as dd/MM/yyyy',
    minutesFile: 'or choose the minutes file to compute it',
    alertsOf: 'Overdue alerts of {org}',
    raisedOn: 'Raised on',
    summary: 'Summary',
    acknowledge: 'Acknowledge',
    acknowledgedBy: 'Acknowledged: {by}, {date}',
    pending: "Cases awaiting the committee's decision",
    pendingAdmission: 'Awaiting an admission decision',
    pendingRecognition: 'Awaiting a recognition decision',
    decide: 'Decide',
    year: 'Year',
    officialMembers: 'Official members',
    probationaryMembers: 'Probationary members',
    target: 'Annual admission target',
    targetShare: 'share {share}',
    admitted: 'Admitted',
    percentOfPlan: '% of plan',
    workforce: 'Workforce',
    membersShare: 'Members / workforce',
    potential: 'Potential (not yet members)',
    funnel: 'Open cases in each stage',
    admittedByUnit: 'Admitted by unit against target',
    stageTimes: 'Conversion and median time per stage',
    stageTimesFrom: 'From the {n} most recent cases.',
    entered: 'Entered',
    movedOn: 'Moved on',
    conversion: 'Conversion',
    medianDays: 'Median days',
    noAdmission: 'Cells with no admission in {year}',
    reportForm: 'Admission of new members in {year}',
    unit: 'Party organisation',
    exportCsv: 'Download CSV',
    exportXlsx: 'Download Excel',
    docs: {
      title: 'Download documents',
      number: 'Number',
      recorded: 'No. {n} (recorded)',
      suggested: 'Suggested no. {n}',
    },
    downloadReport: 'Download report',
    auditTitle: 'Audit a case',
    auditOpen: 'Open',
    auditClean: 'The case is clean: its history replays and no step broke a rule.',
    auditNotClean: '{n} findings.',
    replayFailed: 'The history does not replay: {error}',
    policy: 'Policy set',
    rules: 'Rules checked',
    outcome: 'Outcome',
    passed: 'Passed',
    findings: 'Findings',
    paperRecord: 'from paper records',
    timeline: 'Timeline',
    asOf: 'State as of',
    show: 'Show',
    asOfNotRegistered: 'On {date} the case was not registered yet.',
    openAlerts: 'Open alerts',
    findingKind: {
      should_have_been_refused: 'Should have been refused',
      paper_expired: 'Paper expired',
      vote_below_two_thirds: 'Vote below two thirds',
      deadline_met_late: 'Deadline met late',
      deadline_overdue: 'Deadline overdue',
    },
    timelineKind: {
      registered: 'Registered as outstanding masses',
      timer: 'Deadline timer set',
      timer_fired: 'Deadline reached',
      alert_sent: 'Alert sent',
      alert_closed: 'Alert closed',
      continued_as_new: 'Continued in a new run',
      continued_from: 'Continued from the previous run',
      closed: 'Case closed',
    },
    register: 'Register an outstanding masses candidate',
    registered: 'Case {id} registered.',
    error: 'Error: {message}',
    forbidden: 'Not allowed: {reason}',
    correct: 'Correct',
    correctTitle: 'Correct step {seq}: {step}',
    correctHelp: 'Enter the step as it should have been recorded. The original stays in the case.',
    correctSubmit: 'Record the correction',
    cancel: 'Cancel',
    reasonRequired: 'Reason for the correction: required',
    correctedFlash: 'Step {seq} corrected. Stage: {stage}.',
    correctedNote: 'Corrected on {date} by {by}: {reason}',
    firstRecorded: 'As first recorded → now:',
    correctionOf: 'Correction of step {seq}: {step}',
    correctionReason: 'Reason: {reason}',
    auditCorrected: 'corrected',
    auditCorrectedNote: 'Corrected on {date} by {by}: {reason}',
    correctStepOf: 'step {seq}',
    boolYes: 'yes',
    boolNo: 'no',
    // Search, print and the phone's cards (issue 20).
    searchLabel: 'Search cases',
    searchPlaceholder: 'Name, case id or stage',
    overdueOnly: 'Overdue only',
    searchCount: '{n} of {total} cases',
    print: 'Print this page',
    printedAt: 'Printed {time} (Vietnam time)',
    actions: 'Actions',
  },
};

let labels = { stages: {} };
export let lang = localStorage.getItem('pipeline.lang') === 'en' ? 'en' : 'vi';

export function setLang(l) {
  lang = l;
  localStorage.setItem('pipeline.lang', l);
  document.documentElement.lang = l;
}

export async function loadLabels() {
  labels = await (await fetch('/ui/labels.json')).json();
}

/** t('nav.cases'), t('recorded', { stage }) */
export function t(key, vars = {}) {
  let v = key.split('.').reduce((o, k) => o?.[k], DICT[lang]);
  if (typeof v !== 'string') v = key;
  return v.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

export const stageName = (s) => labels.stages[s]?.[lang] ?? s ?? '';
/** A stage's place in the pipeline (the machine's own order, from the server); unknown stages after the rest. */
export const stageRank = (s) => {
  const i = (labels.stageOrder ?? []).indexOf(s);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};
/** What a deadline is called (a met one too, which has no label of its own in the case's book). */
export const deadlineName = (kind) => labels.deadlines?.[kind]?.[lang] ?? kind ?? '';
export const bi = (text) => (text && typeof text === 'object' ? (text[lang] ?? text.vi) : (text ?? ''));

/** yyyy-MM-dd (or an ISO instant) → dd/MM/yyyy */
export function fmtDate(iso) {
  if (!iso) return '';
  const [y, m, d] = String(iso).slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An ISO instant → dd/MM/yyyy HH:mm in Vietnam time, whatever the browser's zone. */
export function fmtDateTime(instant) {
  if (!instant) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** dd/MM/yyyy → yyyy-MM-dd, or null when it is not a real date. */
export function parseDate(text) {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today in Vietnam, whatever the browser's zone. */
export function todayVn() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

export const pct = (x, digits = 2) =>
  x === null || x === undefined
    ? '—'
    : `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(x)}%`;
export const num = (x) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(x);
