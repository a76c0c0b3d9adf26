// Printable referral slip for the person, in their language: shared fields only, consent, where to go,
// and the code, PIN and QR code of their own page (/track).
import { t, fmtDate } from '../../i18n/index.js';
import { get } from '../../api.js';
import { href } from '../../router.js';
import { categoryName } from '../../directory.js';
import { PageHeading, useAsync, Loading, ErrorBox } from '../../components/ui.jsx';
import { personOf, coveringConsent } from './model.js';
import { personLanguage, useDocumentLanguage, DocumentLanguagePicker } from '../../components/document_language.jsx';
import { countryName, languageNames } from '../../names.js';
import { OpeningHours } from '../../components/service_facts.jsx';
import { QrCode } from '../../components/qr_code.jsx';
import { slipLinks } from './track_link.js';
import { trackingOf } from '../../referral/tracking_once.js';

/** The code, the PIN and a QR code of /track?code=... (the PIN is printed, never put in the link). */
function TrackBox({ tracking, st }) {
  const { url, page } = slipLinks(tracking, window.location.origin);
  return (
    <section class="slip-track" aria-labelledby="slip-track-title">
      <h2 id="slip-track-title">{st('slip.track_title')}</h2>
      <div class="slip-track-body">
        <QrCode text={url} label={st('slip.track_qr')} size={150} />
        <div>
          <dl class="details">
            <div><dt>{st('slip.track_code')}</dt><dd><code data-testid="slip-code">{tracking.code}</code></dd></div>
            {/* Once the PIN can no longer be shown, a line to write it on by hand. */}
            <div><dt>{st('slip.track_pin')}</dt><dd>{tracking.pin ? <code data-testid="slip-pin">{tracking.pin}</code> : <span class="write-in" aria-hidden="true" />}</dd></div>
          </dl>
          <p>{st('slip.track_how', { url: page })}</p>
        </div>
      </div>
    </section>
  );
}

const enc = encodeURIComponent;

export function Slip({ params }) {
  const id = params.id;
  const res = useAsync(async () => {
    const r = await get(`/api/v1/referrals/${enc(id)}`);
    const [kase, service, org] = await Promise.all([
      r.case_id ? get(`/api/v1/cases/${enc(r.case_id)}`).catch(() => null) : null,
      r.service_id ? get(`/api/v1/services/${enc(r.service_id)}`).catch(() => null) : null,
      get(`/api/v1/organizations/${enc(r.to_organization_id)}`).catch(() => null),
    ]);
    return { r, kase, service, org };
  }, [id]);
  const data = res.data;
  const doc = useDocumentLanguage(data && data.kase ? personLanguage(personOf(data.kase).languages) : null);
  if ((res.loading && !data) || doc.loading) return <Loading />;
  if (res.error) return <ErrorBox error={res.error} />;
  const { r, kase, service, org } = data;
  const { st, code } = doc;
  const date = (iso) => fmtDate(iso, code);
  // A category's name in the slip's language; a category the catalogue lacks keeps its directory name.
  const docCategory = (c) => { const s = st(`category.${c}`); return s === `category.${c}` ? categoryName(c) : s; };
  const p = kase ? personOf(kase) : {};
  const fields = r.shared_fields || Object.keys(r.shared || {});
  const shared = r.shared || {};
  const value = (f) => {
    const v = shared[f] !== undefined ? shared[f] : f === 'needs' ? kase && kase.needs : f === 'specific_needs' ? kase && kase.specific_needs : p[f];
    if (f === 'needs') return (v || []).map((n) => (typeof n === 'string' ? n : `${st(`category.${n.category}`)} (${st(`urgency.${n.urgency}`)})`)).join('; ');
    if (f === 'specific_needs') return (v || []).map((s) => st(`specific.${s}`)).join(', ');
    if (f === 'sex') return v ? st(`sex.${v}`) : '';
    if (f === 'birth_date') return v ? date(v) : '';
    if (f === 'languages') return languageNames(v, code);
    if (f === 'nationality') return countryName(v, code);
    if (Array.isArray(v)) return v.join(', ');
    return v === undefined || v === null ? '' : String(v);
  };
  const consent = kase ? ((kase.consents || []).find((c) => c.id === r.consent_id) || coveringConsent(kase.consents, r.category, r.to_organization_id)) : null;
  return (
    <div class="slip">
      <div class="no-print toolbar">
        <p class="breadcrumbs"><a href={href(`/referrals/${id}`)}>{t('referral.back')}</a></p>
        <DocumentLanguagePicker id="slip-lang" label={t('slip.language')} doc={doc} />
        <button type="button" class="button" onClick={() => window.print()}>{t('common.print')}</button>
      </div>
      <article lang={code} class="slip-body">
        <PageHeading title={t('slip.title')}>{st('slip.title')}</PageHeading>
        <p class="meta">{st('slip.date', { date: date(r.created_at) })}</p>
        <h2>{st('slip.you_are_referred')}</h2>
        <dl class="details">
          <div><dt>{st('slip.organization')}</dt><dd>{(org && org.name) || r.to_organization_name || ''}</dd></div>
          {service ? <div><dt>{st('slip.service')}</dt><dd>{service.name} ({docCategory(r.category)})</dd></div> : <div><dt>{st('need.category')}</dt><dd>{st(`category.${r.category}`)}</dd></div>}
          {service && (service.address || (org && org.address)) ? <div><dt>{st('slip.address')}</dt><dd>{service.address || org.address}</dd></div> : null}
          {service && ((service.schedule && service.schedule.length) || service.hours) ? <div><dt>{st('slip.hours')}</dt><dd><OpeningHours s={service} code={code} /></dd></div> : null}
          {service && service.phone ? <div><dt>{st('service.phone')}</dt><dd>{service.phone}</dd></div> : null}
          {org && (org.phone || org.email) ? <div><dt>{st('slip.contact')}</dt><dd>{[org.phone, org.email].filter(Boolean).join(' · ')}</dd></div> : null}
          {service && service.how_to_apply ? <div><dt>{st('slip.how_to_apply')}</dt><dd>{service.how_to_apply}</dd></div> : null}
          {service && (service.required_documents || []).length ? <div><dt>{st('slip.bring')}</dt><dd>{service.required_documents.join(', ')}</dd></div> : null}
          {r.respond_by ? <div><dt>{st('slip.answer_by')}</dt><dd>{date(r.respond_by)}</dd></div> : null}
        </dl>
        {trackingOf(r) ? <TrackBox tracking={trackingOf(r)} st={st} /> : null}
        <h2>{st('slip.what_we_shared')}</h2>
        <dl class="details">{fields.map((f) => <div key={f}><dt>{st(`shared.${f}`)}</dt><dd>{value(f)}</dd></div>)}</dl>
        <p>{consent ? st('slip.consent', { date: date(consent.recorded_at || consent.created_at), method: st(`consent.${consent.method}`) })
          : r.legal_basis === 'vital_interest' ? st('refer.basis_vital_short') : ''}</p>
        <p class="muted">{st('slip.rights')}</p>
      </article>
    </div>
  );
}
