// The partner chunk: the live inbox (the referral page is its own chunk: routes.js).
export { Inbox } from './Inbox.jsx';
