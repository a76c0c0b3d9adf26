// The person's access report: every snapshot shared and every read of the case; printable.
import { t, fmtDateTime, fmtDate } from '../../i18n/index.js';
import { get } from '../../api.js';
import { href } from '../../router.js';
import { orgName, categoryName } from '../../directory.js';
import { PageHeading, useAsync, Loading, ErrorBox } from '../../components/ui.jsx';
import { fullName, personOf } from './model.js';
import { personLanguage, useDocumentLanguage, DocumentLanguagePicker, docLabel } from '../../components/document_language.jsx';

export function AccessReport({ params }) {
  const id = params.id;
  const res = useAsync(() => Promise.all([get(`/api/v1/cases/${encodeURIComponent(id)}`), get(`/api/v1/cases/${encodeURIComponent(id)}/disclosures`)]), [id]);
  const doc = useDocumentLanguage(res.data ? personLanguage(personOf(res.data[0]).languages) : null);
  if ((res.loading && !res.data) || doc.loading) return <Loading />;
  if (res.error) return <ErrorBox error={res.error} />;
  const [kase, rep] = res.data;
  const { st, code } = doc;
  const when = (iso) => fmtDateTime(iso, code);
  const docCategory = (c) => { const s = st(`category.${c}`); return s === `category.${c}` ? categoryName(c) : s; };
  const shared = rep.referrals;
  const reads = rep.reads;
  return (
    <div class="report">
      <p class="breadcrumbs no-print"><a href={href(`/cases/${id}`)}>{fullName(kase)}</a></p>
      <div class="no-print toolbar">
        <DocumentLanguagePicker id="report-lang" label={t('report.language')} doc={doc} />
        <button type="button" class="button" onClick={() => window.print()}>{t('common.print')}</button>
      </div>
      <article lang={code}>
      <PageHeading title={st('report.title', { name: fullName(kase) })}>{st('report.title', { name: fullName(kase) })}</PageHeading>
      <p class="meta">{st('report.generated', { date: when(new Date().toISOString()) })}</p>
      <section aria-labelledby="rep-shared">
        <h2 id="rep-shared">{st('report.shared')}</h2>
        {shared.length ? (
          <table class="table">
            <thead><tr><th scope="col">{st('common.when')}</th><th scope="col">{st('referral.to')}</th><th scope="col">{st('need.category')}</th><th scope="col">{st('refer.shared_fields')}</th><th scope="col">{st('report.basis')}</th></tr></thead>
            <tbody>
              {shared.map((s, i) => (
                <tr key={s.referral_id}>
                  <td>{when(s.sent_at)}</td>
                  <td>{s.to_organization_name || orgName(s.to_organization_id)}</td>
                  <td>{docCategory(s.category)}</td>
                  <td>{s.fields.map((f) => st(`shared.${f}`)).join(', ')}</td>
                  <td>{s.legal_basis === 'vital_interest' ? st('refer.basis_vital_short')
                    : s.consent ? st('report.consent_of', { date: fmtDate(s.consent.given_at, code), method: docLabel(st, 'consent', s.consent.method) }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p>{st('report.none_shared')}</p>}
      </section>
      <section aria-labelledby="rep-reads">
        <h2 id="rep-reads">{st('report.reads')}</h2>
        {reads.length ? (
          <table class="table">
            <thead><tr><th scope="col">{st('common.when')}</th><th scope="col">{st('report.who')}</th><th scope="col">{st('report.organization')}</th><th scope="col">{st('report.action')}</th></tr></thead>
            <tbody>
              {reads.map((r, i) => (
                <tr key={i}>
                  <td>{when(r.at)}</td>
                  <td>{r.display_name || r.user_id}</td>
                  <td>{r.organization_name || orgName(r.organization_id)}</td>
                  <td>{docLabel(st, 'access', r.action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p>{st('report.none_reads')}</p>}
      </section>
      </article>
    </div>
  );
}
