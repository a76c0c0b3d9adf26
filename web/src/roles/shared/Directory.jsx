// The service directory: find services by category, territory, language, open now and places
// free, with where to go, when, and how to apply. Every signed-in role may read it.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t, fmtDate } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { categories, territories, territoryOptions, categoryName, orgName } from '../../directory.js';
import { PageHeading, Loading, ErrorBox, useAsync, label } from '../../components/ui.jsx';
import { useCursorList, MoreButton } from '../../components/paged.jsx';
import { languageNames, languageName, namedOptions } from '../../names.js';
import { LANGUAGE_CODES } from '../../iso_codes.js';
import { OpeningHours, PlacesFree, placesFree } from '../../components/service_facts.jsx';

const FILTERS = ['q', 'category', 'territory', 'language', 'open_now', 'available'];

function ServiceEntry({ s }) {
  const full = placesFree(s) === 0 || !s.accepting;
  return (
    <li class={`card service${full ? ' card-full' : ''}`}>
      <h2 class="card-title">{s.name}</h2>
      <p class="muted">{orgName(s.organization_id)} · {categoryName(s.category)}</p>
      {s.description ? <p>{s.description}</p> : null}
      <dl class="details">
        {s.address ? <div><dt>{t('slip.address')}</dt><dd>{s.address}</dd></div> : null}
        {s.phone ? <div><dt>{t('service.phone')}</dt><dd><a href={`tel:${s.phone.replace(/[^+\d]/g, '')}`}>{s.phone}</a></dd></div> : null}
        {(s.schedule && s.schedule.length) || s.hours ? <div><dt>{t('slip.hours')}</dt><dd><OpeningHours s={s} /></dd></div> : null}
        {s.how_to_apply ? <div><dt>{t('slip.how_to_apply')}</dt><dd>{s.how_to_apply}</dd></div> : null}
        {s.eligibility ? <div><dt>{t('servicef.eligibility')}</dt><dd>{s.eligibility}</dd></div> : null}
        <div><dt>{t('service.languages')}</dt><dd>{languageNames(s.languages) || '–'}</dd></div>
        {(s.required_documents || []).length ? <div><dt>{t('slip.bring')}</dt><dd>{s.required_documents.join(', ')}</dd></div> : null}
        <div><dt>{t('service.accepting')}</dt><dd>{s.accepting ? t('common.yes') : <strong class="warn-text">{t('service.not_accepting')}</strong>}</dd></div>
        {placesFree(s) !== null ? <div><dt>{t('service.places')}</dt><dd><PlacesFree s={s} /></dd></div> : null}
        {s.status && s.status !== 'active' ? <div><dt>{t('common.status')}</dt><dd>{label('service_status', s.status)}</dd></div> : null}
        {s.stale ? <div><dt>{t('service.last_verified')}</dt><dd>{s.last_verified_at ? fmtDate(s.last_verified_at) : '–'} <strong class="warn-text">· {t('service.stale')}</strong></dd></div> : null}
      </dl>
    </li>
  );
}

export function Directory({ query }) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, query[k] || '']));
  const form = useSignal(filters);
  useEffect(() => { form.value = filters; }, [JSON.stringify(filters)]);
  const dir = useAsync(() => Promise.all([categories(), territories()]), []);
  const list = useCursorList('/api/v1/services', filters, [JSON.stringify(filters)]);
  const set = (k) => (e) => { form.value = { ...form.value, [k]: e.currentTarget.type === 'checkbox' ? (e.currentTarget.checked ? 'true' : '') : e.currentTarget.value }; };
  const apply = (e) => { e.preventDefault(); navigate('/directory', form.value, { replace: true }); };
  const f = form.value;
  const [cats, terrs] = dir.data || [[], []];
  return (
    <div>
      <PageHeading>{t('directory.title')}</PageHeading>
      <form class="filters" role="search" aria-label={t('directory.filters')} onSubmit={apply}>
        <div class="field">
          <label for="dir-q">{t('directory.q')}</label>
          <input id="dir-q" type="search" value={f.q} onInput={set('q')} autoComplete="off" />
        </div>
        <div class="field">
          <label for="dir-category">{t('need.category')}</label>
          <select id="dir-category" value={f.category} onChange={set('category')}>
            <option value="">{t('common.all')}</option>
            {cats.map((c) => <option key={c.code} value={c.code}>{categoryName(c.code)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="dir-territory">{t('directory.territory')}</label>
          <select id="dir-territory" value={f.territory} onChange={set('territory')}>
            <option value="">{t('common.all')}</option>
            {territoryOptions(terrs).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="dir-language">{t('service.languages')}</label>
          <select id="dir-language" value={f.language} onChange={set('language')}>
            <option value="">{t('common.all')}</option>
            {f.language && !LANGUAGE_CODES.includes(f.language) ? <option value={f.language}>{languageName(f.language)}</option> : null}
            {namedOptions(LANGUAGE_CODES, (c) => languageName(c)).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </div>
        <div class="choice">
          <input type="checkbox" id="dir-open" checked={f.open_now === 'true'} onChange={set('open_now')} />
          <label for="dir-open">{t('directory.open_now')}</label>
        </div>
        <div class="choice">
          <input type="checkbox" id="dir-available" checked={f.available === 'true'} onChange={set('available')} />
          <label for="dir-available">{t('directory.available')}</label>
        </div>
        <div class="actions"><button type="submit" class="button">{t('common.search')}</button></div>
      </form>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBox error={list.error || dir.error} />
      {list.data ? (list.items.length
        ? <ul class="card-list" aria-label={t('directory.results')}>{list.items.map((s) => <ServiceEntry key={s.id} s={s} />)}</ul>
        : <p>{t('directory.none')}</p>) : null}
      <MoreButton list={list} />
    </div>
  );
}
