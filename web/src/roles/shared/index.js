// Pages several roles read: the service directory; the stale listings (org admins, coordinators).
export { Directory } from './Directory.jsx';
export { StaleListings, verifyService } from './StaleListings.jsx';
