// The coordinator chunk: the gap dashboard (Observable Plot is imported from here only).
export { Gaps } from './Gaps.jsx';
