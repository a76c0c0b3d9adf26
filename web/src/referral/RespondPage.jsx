// The respond page (/respond/{token}): an organisation without Enlace accounts answers one
// referral through the link it was given. It sees exactly what a receiver sees (the snapshot, no
// case), with the receiver's own components; the link is the only credential.
import { t, fmtDateTime } from '../i18n/index.js';
import { get } from '../api.js';
import { categoryName } from '../directory.js';
import { PageHeading, useAsync, Loading, ErrorBox, StateChip, label } from '../components/ui.jsx';
import { SharedSnapshot, Timeline, Messages, ReceiverActions, useMarkReceived } from './ReferralPage.jsx';

const enc = encodeURIComponent;

/** The respond link's API base: the token stands in for a session on every call. */
export const respondBase = (token) => `/api/v1/respond/${enc(token)}`;

/** A dead, replaced or unknown link answers 404: say so in words, and who can give a new one. */
function DeadLink() {
  return (
    <div>
      <PageHeading>{t('respond.dead_title')}</PageHeading>
      <p>{t('respond.dead_text')}</p>
    </div>
  );
}

export function RespondPage({ token }) {
  const base = respondBase(token);
  const res = useAsync(() => get(base), [token]);
  const r = res.data;
  useMarkReceived(base, r, true, res.reload);
  if (res.loading && !r) return <Loading />;
  if (res.error && !r) return res.error.status === 404 ? <DeadLink /> : <ErrorBox error={res.error} />;
  // No directory without an account: the two organisations are named by the reply itself.
  const nameOf = (id) => (id === r.to_organization_id ? r.to_organization_name || t('respond.your_organization')
    : id === r.from_organization_id ? r.from_organization_name || t('respond.sender') : '');
  return (
    <div>
      <PageHeading>{t('referral.title', { category: categoryName(r.category) })}</PageHeading>
      <p class="lead">{t('respond.lead')}</p>
      <div class="summary-line">
        <StateChip state={r.status} overdue={r.overdue} />
        <span>{t('referral.from_org', { org: nameOf(r.from_organization_id) })}</span>
        <span>{t('referral.urgency_line', { urgency: label('urgency', r.urgency) })}</span>
        {r.respond_by ? <span>{t('referral.respond_by_line', { date: fmtDateTime(r.respond_by) })}</span> : null}
      </div>
      <div class="two-col">
        <div>
          {r.reason ? <section aria-labelledby="reason-title"><h2 id="reason-title">{t('refer.reason')}</h2><p>{r.reason}</p></section> : null}
          <section aria-labelledby="shared-title">
            <h2 id="shared-title">{t('referral.shared_with_you')}</h2>
            <SharedSnapshot shared={r.shared} />
          </section>
          <ReceiverActions base={base} r={r} reload={res.reload} />
          <Messages base={base} mine={r.to_organization_id} nameOf={nameOf} />
        </div>
        <aside aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('referral.timeline')}</h2>
          <Timeline r={r} nameOf={nameOf} />
        </aside>
      </div>
    </div>
  );
}
