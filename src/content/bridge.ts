// Content bridge (isolated world, document_start, every frame): glue only. The relay itself (in-flight ids, 4900 on
// a dropped Port, one retry of a failed post) lives in startBridge.ts and is tested in Node.
import { DAPP_PORT_NAME } from '../shared/protocol/envelope';
import { startBridge } from './startBridge';

startBridge(window, () => chrome.runtime.connect({ name: DAPP_PORT_NAME }));
