// The organisation's cases, searchable by name (the server ignores accents and case).
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t, fmtDate } from '../../i18n/index.js';
import { href, navigate } from '../../router.js';
import { PageHeading, Loading, ErrorBox, label } from '../../components/ui.jsx';
import { useCursorList, MoreButton } from '../../components/paged.jsx';
import { personOf, fullName } from './model.js';
import { countryName } from '../../names.js';

export function CaseList({ query }) {
  const q = query.q || '';
  const status = query.status || 'open';
  const text = useSignal(q);
  const timer = useRef(null);
  const list = useCursorList('/api/v1/cases', { q, status: status === 'all' ? '' : status }, [q, status]);
  useEffect(() => { text.value = q; }, [q]);

  const go = (nq, ns = status) => navigate('/cases', { q: nq.trim(), status: ns === 'open' ? '' : ns }, { replace: true });
  const onInput = (e) => {
    text.value = e.currentTarget.value;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => go(text.value), 350);
  };
  const submit = (e) => { e.preventDefault(); clearTimeout(timer.current); go(text.value); };
  const rows = list.items;
  return (
    <div>
      <PageHeading>{t('cases.title')}</PageHeading>
      {query.transferred ? <div class="notice notice-success" role="status"><p>{t('transfer.done')}</p></div> : null}
      <div class="toolbar">
        <form role="search" class="search" onSubmit={submit}>
          <label for="case-search">{t('cases.search')}</label>
          <p class="hint" id="case-search-hint">{t('cases.search_hint')}</p>
          <div class="inline">
            <input id="case-search" type="search" value={text.value} onInput={onInput} aria-describedby="case-search-hint" autoComplete="off" />
            <button type="submit" class="button">{t('common.search')}</button>
          </div>
        </form>
        <div class="field">
          <label for="case-status">{t('cases.status')}</label>
          <select id="case-status" value={status} onChange={(e) => go(text.value, e.currentTarget.value)}>
            <option value="open">{t('case_status.open')}</option>
            <option value="closed">{t('case_status.closed')}</option>
            <option value="all">{t('common.all')}</option>
          </select>
        </div>
        <a class="button" href={href('/cases/new')}>{t('nav.register')}</a>
      </div>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBox error={list.error} />
      {list.data ? (
        <>
          {list.hasMore ? null : <p role="status" class="muted">{t('cases.count', { count: rows.length })}</p>}
          {rows.length ? (
            <table class="table">
              <caption class="visually-hidden">{t('cases.title')}</caption>
              <thead><tr><th scope="col">{t('person.name')}</th><th scope="col">{t('person.birth_date')}</th><th scope="col">{t('person.nationality')}</th><th scope="col">{t('cases.status')}</th><th scope="col">{t('common.created')}</th></tr></thead>
              <tbody>
                {rows.map((c) => {
                  const p = personOf(c);
                  return (
                    <tr key={c.id}>
                      <th scope="row"><a href={href(`/cases/${c.id}`)}>{fullName(c)}</a></th>
                      <td>{p.birth_date ? fmtDate(p.birth_date) : p.estimated_age !== undefined && p.estimated_age !== null ? t('person.age_about', { age: p.estimated_age }) : ''}</td>
                      <td>{countryName(p.nationality)}</td>
                      <td>{label('case_status', c.status || 'open')}</td>
                      <td>{fmtDate(c.created_at)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : <p>{t('cases.none')}</p>}
          <MoreButton list={list} />
        </>
      ) : null}
    </div>
  );
}
