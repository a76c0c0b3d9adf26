// Pages every signed-in role reads: the service directory.
export { Directory } from './Directory.jsx';
