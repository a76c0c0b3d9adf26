// The caseworker chunk: cases, registration, consent, referral, outbox, slip and access report.
// The referral page is a chunk of its own (routes.js), loaded when a caseworker first opens one.
export { CaseList } from './CaseList.jsx';
export { CaseNew } from './CaseNew.jsx';
export { CasePage } from './CasePage.jsx';
export { CaseEdit } from './CaseEdit.jsx';
export { Refer } from './Refer.jsx';
export { Outbox } from './Outbox.jsx';
export { AccessReport } from './AccessReport.jsx';
export { Slip } from './Slip.jsx';
