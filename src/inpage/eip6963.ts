/** EIP-6963: announce the provider at load and again on every `eip6963:requestProvider`. */
import { uuidV4 } from './uuid';
import { ICON } from './icon';

export type Eip6963Info = Readonly<{ uuid: string; name: string; icon: string; rdns: string }>;
type EventTargetLike = {
  dispatchEvent(event: Event): boolean;
  addEventListener(type: string, listener: () => void): void;
};

export function announceEip6963(provider: object, win: EventTargetLike = window, uuid: string = uuidV4()): Eip6963Info {
  const info: Eip6963Info = Object.freeze({ uuid, name: 'Meridian', icon: ICON, rdns: 'app.meridianwallet' });
  const detail = Object.freeze({ info, provider });
  const announce = () => { win.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail })); };
  win.addEventListener('eip6963:requestProvider', announce);
  announce();
  return info;
}
