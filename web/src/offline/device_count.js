// The words for the device's queue, shared by the header and the device page.
import { t } from '../i18n/index.js';
import { loaded } from './status.js';

/** How many items wait, or that the device is still being read: never "nothing" unchecked. */
export function deviceCount(n) {
  if (!loaded.value) return t('device.checking');
  return n ? t('device.waiting_count', { count: n }) : t('device.nothing_waiting');
}
