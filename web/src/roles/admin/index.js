// The administration chunk: users and services (org admin); directory and standards (system admin).
export { Users } from './Users.jsx';
export { Services } from './Services.jsx';
export { ServiceEdit } from './ServiceEdit.jsx';
export { Review } from './Review.jsx';
export { Mail } from './Mail.jsx';
export { Territories, Organizations, Categories, Standards } from './System.jsx';
export { Webhooks } from './Webhooks.jsx';
