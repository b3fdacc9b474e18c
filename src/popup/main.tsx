import { createRoot } from 'react-dom/client';
import { App } from './App';

if (location.hash.startsWith('#/onboarding') || new URLSearchParams(location.search).has('tab')) document.body.classList.add('tab');
createRoot(document.getElementById('root')!).render(<App />);
