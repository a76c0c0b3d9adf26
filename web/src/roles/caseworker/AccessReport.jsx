// The person's access report: every snapshot shared and every read of the case; printable.
import { t, fmtDateTime, fmtDate } from '../../i18n/index.js';
import { get } from '../../api.js';
import { href } from '../../router.js';
import { orgName, categoryName } from '../../directory.js';
import { PageHeading, useAsync, Loading, ErrorBox, label } from '../../components/ui.jsx';
import { fullName } from './model.js';

export function AccessReport({ params }) {
  const id = params.id;
  const res = useAsync(() => Promise.all([get(`/api/v1/cases/${encodeURIComponent(id)}`), get(`/api/v1/cases/${encodeURIComponent(id)}/disclosures`)]), [id]);
  if (res.loading && !res.data) return <Loading />;
  if (res.error) return <ErrorBox error={res.error} />;
  const [kase, rep] = res.data;
  const shared = rep.referrals;
  const reads = rep.reads;
  return (
    <div class="report">
      <p class="breadcrumbs no-print"><a href={href(`/cases/${id}`)}>{fullName(kase)}</a></p>
      <PageHeading>{t('report.title', { name: fullName(kase) })}</PageHeading>
      <p class="meta">{t('report.generated', { date: fmtDateTime(new Date().toISOString()) })}</p>
      <p class="no-print"><button type="button" class="button" onClick={() => window.print()}>{t('common.print')}</button></p>
      <section aria-labelledby="rep-shared">
        <h2 id="rep-shared">{t('report.shared')}</h2>
        {shared.length ? (
          <table class="table">
            <thead><tr><th scope="col">{t('common.when')}</th><th scope="col">{t('referral.to')}</th><th scope="col">{t('need.category')}</th><th scope="col">{t('refer.shared_fields')}</th><th scope="col">{t('report.basis')}</th></tr></thead>
            <tbody>
              {shared.map((s, i) => (
                <tr key={s.referral_id}>
                  <td>{fmtDateTime(s.sent_at)}</td>
                  <td>{s.to_organization_name || orgName(s.to_organization_id)}</td>
                  <td>{categoryName(s.category)}</td>
                  <td>{s.fields.map((f) => t(`shared.${f}`)).join(', ')}</td>
                  <td>{s.legal_basis === 'vital_interest' ? t('refer.basis_vital_short')
                    : s.consent ? t('report.consent_of', { date: fmtDate(s.consent.given_at), method: label('consent', s.consent.method) }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p>{t('report.none_shared')}</p>}
      </section>
      <section aria-labelledby="rep-reads">
        <h2 id="rep-reads">{t('report.reads')}</h2>
        {reads.length ? (
          <table class="table">
            <thead><tr><th scope="col">{t('common.when')}</th><th scope="col">{t('report.who')}</th><th scope="col">{t('report.organization')}</th><th scope="col">{t('report.action')}</th></tr></thead>
            <tbody>
              {reads.map((r, i) => (
                <tr key={i}>
                  <td>{fmtDateTime(r.at)}</td>
                  <td>{r.display_name || r.user_id}</td>
                  <td>{r.organization_name || orgName(r.organization_id)}</td>
                  <td>{label('access', r.action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p>{t('report.none_reads')}</p>}
      </section>
    </div>
  );
}
