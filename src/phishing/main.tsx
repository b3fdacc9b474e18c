// The page the phishing navigation rule redirects to (phishing.html#<blocked URL>).
import { createRoot } from 'react-dom/client';
import { Warning } from './Warning';

createRoot(document.getElementById('root')!).render(<Warning />);
