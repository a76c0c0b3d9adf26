// The auditor chunk: audit log browsing and chain verification.
export { Audit } from './Audit.jsx';
