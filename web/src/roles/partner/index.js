// The partner chunk: the live inbox and the referral page (snapshot only).
export { Inbox } from './Inbox.jsx';
export { ReferralPage } from '../../referral/ReferralPage.jsx';
