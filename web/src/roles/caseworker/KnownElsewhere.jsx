// Shown once after registering a person whom another organisation of the network already
// has: the server says no more than that (not who, not where), and neither does this notice.
import { t } from '../../i18n/index.js';

export function KnownElsewhere() {
  return (
    <div class="notice notice-warning" role="status">
      <h2>{t('case.elsewhere_title')}</h2>
      <p>{t('case.elsewhere_body')}</p>
    </div>
  );
}
