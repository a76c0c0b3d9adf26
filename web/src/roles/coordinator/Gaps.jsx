// Gap dashboard: demand vs supply, unmet need, rejections, response times, overdue, trends,
// territories and disaggregation. Every chart (Observable Plot, loaded here only) sits next to its table.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { t, fmtNumber, fmtDate, fmtDateTime, lang } from '../../i18n/index.js';
import { get, api, qs } from '../../api.js';
import { navigate } from '../../router.js';
import { hasRole } from '../../session.js';
import { categories, territories, territoryOptions, categoryName, territoryName } from '../../directory.js';
import { PageHeading, useAsync, Loading, ErrorBox, label, STATES, REJECT_REASONS } from '../../components/ui.jsx';
import { num, toLong, keysOf, numericKeys, flatten } from './charts.js';

let plotModule = null;
const loadPlot = () => (plotModule ||= import('@observablehq/plot'));

/** Renders a Plot chart into a div; Plot's own <style> element is dropped (CSP) and restyled in app.css. */
function Chart({ build, deps, label: aria, data }) {
  const ref = useRef(null);
  const [err, setErr] = useState(null);
  const empty = Array.isArray(data) && data.length === 0;
  useEffect(() => {
    let live = true;
    if (empty) return () => { live = false; };
    loadPlot().then((Plot) => {
      if (!live || !ref.current) return;
      const width = Math.max(280, Math.min(640, ref.current.clientWidth || 560));
      const node = build(Plot, width);
      node.querySelectorAll('style').forEach((s) => s.remove());
      // The chart is one image with a label; its table beside it carries the figures for assistive tech.
      node.querySelectorAll('[aria-label], [aria-description]').forEach((el) => { el.removeAttribute('aria-label'); el.removeAttribute('aria-description'); });
      node.setAttribute('role', 'img');
      node.setAttribute('aria-label', aria);
      ref.current.replaceChildren(node);
    }).catch((e) => { if (live) setErr(e); });
    return () => { live = false; };
  }, deps);
  if (empty) return <p class="muted chart-empty">{t('gaps.chart_empty')}</p>;
  return <div class="chart" ref={ref}>{err ? <p class="muted">{t('gaps.chart_failed')}</p> : null}</div>;
}

/** A count; a complementary suppression reads as a word in the reader's language, never as "<5". */
function Cell({ v }) { return <td class="num">{v === 'suppressed' ? t('gaps.suppressed_value') : fmtNumber(v)}</td>; }

/** A share from 0 to 1 as a percentage; "suppressed" and missing values as the other cells. */
function ShareCell({ v }) {
  return <td class="num">{typeof v === 'number' ? fmtNumber(v, { style: 'percent', maximumFractionDigits: 0 }) : v === 'suppressed' ? t('gaps.suppressed_value') : '–'}</td>;
}

const OUTCOMES = ['service_provided', 'partly_provided', 'not_provided'];
const PERSON_REPORTED = ['got_service', 'turned_away', 'could_not_reach', 'other'];

/** What the two markers mean, and the period actually reported (whole ISO weeks). */
function Markers({ data }) {
  return (
    <section aria-labelledby="g-markers" class="gap-markers">
      <h2 id="g-markers" class="visually-hidden">{t('gaps.markers_title')}</h2>
      {data ? <p class="hint" data-testid="gap-period">{t('gaps.period_reported', { from: fmtDate(data.from), to: fmtDate(data.to) })}</p> : null}
      <dl class="markers">
        <div><dt>&lt;5</dt><dd>{t('gaps.marker_small')}</dd></div>
        <div><dt>{t('gaps.suppressed_value')}</dt><dd>{t('gaps.marker_suppressed')}</dd></div>
      </dl>
      <p class="hint">{t('gaps.suppressed_note')}</p>
      {!hasRole('coordinator') && hasRole('org_admin') ? <p class="hint">{t('gaps.received_note')}</p> : null}
    </section>
  );
}

function Section({ id, title, note, chart, children, tall }) {
  return (
    <section aria-labelledby={id} class="gap-section">
      <h2 id={id}>{title}</h2>
      {note ? <p class="hint">{note}</p> : null}
      <div class="chart-table">
        <figure>{chart}<figcaption class="visually-hidden">{title}</figcaption></figure>
        <div class={`table-wrap${tall ? ' table-tall' : ''}`} tabIndex={0} role="region" aria-labelledby={id}>{children}</div>
      </div>
    </section>
  );
}

/** A group's label: sexes translated, nationalities as codes, rare nationalities together as "other". */
function groupLabel(by, group) {
  if (by === 'nationality') return group === 'other' ? t('gaps.nationality_other') : group;
  return by === 'age_group' ? group : label('sex', group);
}

function defaultRange() {
  const to = new Date();
  const from = new Date(to.getTime() - 89 * 86400000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export function Gaps({ query }) {
  const def = defaultRange();
  const filters = { from: query.from || def.from, to: query.to || def.to, territory: query.territory || '', category: query.category || '', by: query.by || '' };
  const form = useSignal(filters);
  useEffect(() => { form.value = filters; }, [query.from, query.to, query.territory, query.category, query.by]);
  const url = `/api/v1/stats/gaps${qs(filters)}`;
  const res = useAsync(() => get(url), [url]);
  const dir = useAsync(() => Promise.all([categories(), territories()]), []);
  const std = useAsync(() => get('/api/v1/settings/response-standards').catch(() => null), []);
  const csvError = useSignal(null);
  const L = lang.value;

  const apply = (e) => { e.preventDefault(); navigate('/gaps', form.value, { replace: true }); };
  const setF = (k) => (e) => { form.value = { ...form.value, [k]: e.currentTarget.value }; };
  const downloadCsv = async () => {
    csvError.value = null;
    try {
      const blob = await api(url, { accept: 'text/csv', as: 'blob' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `enlace-gaps-${filters.from}-${filters.to}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    } catch (err) { csvError.value = err; }
  };

  const [cats, terrs] = dir.data || [[], []];
  const data = res.data;
  const rows = (data && data.categories) || [];
  const catLabel = (c) => categoryName(c);
  const standards = std.data && std.data.hours;
  const stdFor = (c, u) => (std.data && std.data.by_category && std.data.by_category[c] && std.data.by_category[c][u]) ?? (standards ? standards[u] : null);

  const demandRows = rows.map((c) => ({ category: catLabel(c.category), demand: c.demand, unmet: c.unmet, overdue: c.overdue, services: c.supply && c.supply.services, capacity: c.supply && c.supply.capacity }));
  const measureLabel = { demand: t('gaps.demand'), unmet: t('gaps.unmet'), services: t('gaps.services'), overdue: t('gaps.overdue') };
  const demandLong = toLong(demandRows, 'category', ['demand', 'unmet', 'services']).map((d) => ({ ...d, key: measureLabel[d.key] }));
  const reasons = keysOf(rows, 'rejections', REJECT_REASONS);
  const states = keysOf(rows, 'referrals', STATES);
  const rejLong = [];
  rows.forEach((c) => reasons.forEach((k) => { const v = num((c.rejections || {})[k]); if (v !== null && v > 0) rejLong.push({ category: catLabel(c.category), key: label('reason', k), value: v }); }));
  const timeRows = rows.map((c) => ({ category: catLabel(c.category), code: c.category, median: c.response_hours && c.response_hours.median, p90: c.response_hours && c.response_hours.p90 }));
  const weekly = (data && data.weekly) || [];
  const weekKey = weekly.length ? (['week', 'week_start', 'start', 'from'].find((k) => k in weekly[0]) || Object.keys(weekly[0])[0]) : 'week';
  const weeklyFlat = weekly.map(flatten);
  const weeklyKeys = numericKeys(weeklyFlat, weekKey);
  // Weeks on a time axis: a two-year report gets readable month ticks instead of 104 labels.
  const weeklyLong = toLong(weeklyFlat, weekKey, weeklyKeys).map((d) => ({ ...d, at: new Date(`${d[weekKey]}T00:00:00Z`), key: label('gaps_key', d.key) }));
  const hasOutcomes = rows.some((c) => c.outcomes || c.within_standard !== undefined || c.person_reported);
  const outcomeLong = [];
  rows.forEach((c) => OUTCOMES.forEach((k) => { const v = num((c.outcomes || {})[k]); if (v !== null && v > 0) outcomeLong.push({ category: catLabel(c.category), side: t('gaps.side_receivers'), key: label('outcome', k), value: v }); }));
  // What the people referred said, beside what the receivers recorded: two views of the same
  // referrals, so two panels, never one stacked bar.
  rows.forEach((c) => PERSON_REPORTED.forEach((k) => { const v = num((c.person_reported || {})[k]); if (v !== null && v > 0) outcomeLong.push({ category: catLabel(c.category), side: t('gaps.side_person'), key: t(`gaps.person_${k}`), value: v }); }));
  const terrRows = ((data && data.territories) || []).map((x) => flatten({ ...x, territory: x.name || territoryName(x.territory_id) }));
  const terrKeys = numericKeys(terrRows, 'territory').filter((k) => k !== 'territory_id');
  const groups = (data && data.groups) || [];
  const groupRows = groups.map((g) => {
    const row = { group: groupLabel(data.by, g.group) };
    for (const c of g.categories || []) row[c.category] = c.demand;
    return row;
  });
  const groupCats = [...new Set(groups.flatMap((g) => (g.categories || []).map((c) => c.category)))];

  const hasData = rows.length > 0;
  return (
    <div class="gaps">
      <PageHeading>{t('gaps.title')}</PageHeading>
      <p class="lead">{t('gaps.lead')}</p>
      <form class="filters" onSubmit={apply} aria-label={t('gaps.filters')}>
        <div class="field"><label for="g-from">{t('gaps.from')}</label><input id="g-from" type="date" value={form.value.from} onInput={setF('from')} /></div>
        <div class="field"><label for="g-to">{t('gaps.to')}</label><input id="g-to" type="date" value={form.value.to} onInput={setF('to')} /></div>
        <div class="field"><label for="g-territory">{t('gaps.territory')}</label>
          <select id="g-territory" value={form.value.territory} onChange={setF('territory')}><option value="">{t('common.all')}</option>{territoryOptions(terrs).map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></div>
        <div class="field"><label for="g-category">{t('need.category')}</label>
          <select id="g-category" value={form.value.category} onChange={setF('category')}><option value="">{t('common.all')}</option>{cats.map((c) => <option key={c.code} value={c.code}>{categoryName(c.code)}</option>)}</select></div>
        <div class="field"><label for="g-by">{t('gaps.by')}</label>
          <select id="g-by" value={form.value.by} onChange={setF('by')}>
            <option value="">{t('gaps.by_none')}</option>
            <option value="sex">{t('person.sex')}</option><option value="age_group">{t('gaps.age_group')}</option><option value="nationality">{t('person.nationality')}</option>
          </select></div>
        <div class="actions"><button type="submit" class="button">{t('gaps.apply')}</button>
          <button type="button" class="button button-secondary" onClick={downloadCsv}>{t('gaps.csv')}</button>
          <button type="button" class="button button-secondary" onClick={() => window.print()}>{t('gaps.print')}</button></div>
      </form>
      <p class="print-only">{t('gaps.print_scope', {
        territory: filters.territory ? territoryName(filters.territory) : t('common.all'),
        category: filters.category ? categoryName(filters.category) : t('common.all'),
        generated: fmtDateTime(new Date().toISOString()) })}</p>
      <ErrorBox error={csvError.value} />
      <Markers data={data} />
      {res.loading && !data ? <Loading /> : null}
      <ErrorBox error={res.error} />
      {data && !hasData ? <p>{t('gaps.no_data')}</p> : null}
      {hasData ? (
        <>
          <Section id="g-demand" title={t('gaps.demand_supply')} note={t('gaps.demand_note')}
            chart={<Chart label={t('gaps.demand_supply')} data={demandLong} deps={[url, L]} build={(Plot, width) => Plot.plot({ width, marginLeft: 130, height: 60 + demandRows.length * 48,
              x: { label: t('gaps.count'), grid: true }, y: { label: null }, fy: { label: null }, color: { legend: true, scheme: 'dark2' },
              marks: [Plot.barX(demandLong, { x: 'value', y: 'key', fy: 'category', fill: 'key' }), Plot.ruleX([0])] })} />}>
            <table class="table">
              <thead><tr><th scope="col">{t('need.category')}</th><th scope="col">{t('gaps.demand')}</th><th scope="col">{t('gaps.unmet')}</th><th scope="col">{t('gaps.overdue')}</th><th scope="col">{t('gaps.services')}</th><th scope="col">{t('gaps.capacity')}</th></tr></thead>
              <tbody>{demandRows.map((r) => <tr key={r.category}><th scope="row">{r.category}</th><Cell v={r.demand} /><Cell v={r.unmet} /><Cell v={r.overdue} /><Cell v={r.services} /><Cell v={r.capacity} /></tr>)}</tbody>
            </table>
          </Section>

          <Section id="g-rejections" title={t('gaps.rejections')}
            chart={<Chart label={t('gaps.rejections')} data={rejLong} deps={[url, L]} build={(Plot, width) => Plot.plot({ width, marginLeft: 130, x: { label: t('gaps.count'), grid: true }, y: { label: null }, color: { legend: true, scheme: 'tableau10' },
              marks: [Plot.barX(rejLong, { x: 'value', y: 'category', fill: 'key' }), Plot.ruleX([0])] })} />}>
            <table class="table">
              <thead><tr><th scope="col">{t('need.category')}</th>{reasons.map((k) => <th scope="col" key={k}>{label('reason', k)}</th>)}</tr></thead>
              <tbody>{rows.map((c) => <tr key={c.category}><th scope="row">{catLabel(c.category)}</th>{reasons.map((k) => <Cell key={k} v={(c.rejections || {})[k] ?? 0} />)}</tr>)}</tbody>
            </table>
          </Section>

          <Section id="g-time" title={t('gaps.response_times')} note={standards ? t('gaps.standards_note', { emergency: standards.emergency, high: standards.high, normal: standards.normal }) : null}
            chart={<Chart label={t('gaps.response_times')} data={timeRows.filter((r) => num(r.median) !== null || num(r.p90) !== null)} deps={[url, L, !!standards]} build={(Plot, width) => Plot.plot({ width, marginLeft: 130, x: { label: t('gaps.hours'), grid: true }, y: { label: null },
              marks: [Plot.barX(timeRows.filter((r) => num(r.median) !== null), { x: 'median', y: 'category', fill: '#1d4e89' }),
                Plot.tickX(timeRows.filter((r) => num(r.p90) !== null), { x: 'p90', y: 'category', stroke: '#b3261e', strokeWidth: 3 }),
                ...(standards ? [Plot.ruleX([standards.normal], { stroke: '#333', strokeDasharray: '4,3' })] : []), Plot.ruleX([0])] })} />}>
            <table class="table">
              <thead><tr><th scope="col">{t('need.category')}</th><th scope="col">{t('gaps.median')}</th><th scope="col">{t('gaps.p90')}</th><th scope="col">{t('gaps.standard_normal')}</th><th scope="col">{t('gaps.standard_high')}</th></tr></thead>
              <tbody>{timeRows.map((r) => <tr key={r.code}><th scope="row">{r.category}</th><Cell v={r.median} /><Cell v={r.p90} /><Cell v={stdFor(r.code, 'normal')} /><Cell v={stdFor(r.code, 'high')} /></tr>)}</tbody>
            </table>
          </Section>

          {hasOutcomes ? (
            <Section id="g-outcomes" title={t('gaps.outcomes')} note={t('gaps.outcomes_note')}
              chart={<Chart label={t('gaps.outcomes')} data={outcomeLong} deps={[url, L]} build={(Plot, width) => Plot.plot({ width, marginLeft: 130, marginRight: 110, x: { label: t('gaps.count'), grid: true }, y: { label: null }, fy: { label: null }, color: { legend: true, scheme: 'tableau10' },
                marks: [Plot.barX(outcomeLong, { x: 'value', y: 'category', fy: 'side', fill: 'key' }), Plot.ruleX([0])] })} />}>
              <table class="table">
                <thead><tr><th scope="col">{t('need.category')}</th>{OUTCOMES.map((k) => <th scope="col" key={k}>{label('outcome', k)}</th>)}<th scope="col">{t('gaps.within_standard')}</th>{PERSON_REPORTED.map((k) => <th scope="col" key={k}>{t(`gaps.person_${k}`)}</th>)}</tr></thead>
                <tbody>{rows.map((c) => <tr key={c.category}><th scope="row">{catLabel(c.category)}</th>{OUTCOMES.map((k) => <Cell key={k} v={(c.outcomes || {})[k] ?? 0} />)}<ShareCell v={c.within_standard} />{PERSON_REPORTED.map((k) => <Cell key={k} v={(c.person_reported || {})[k] ?? 0} />)}</tr>)}</tbody>
              </table>
            </Section>
          ) : null}

          <section aria-labelledby="g-states" class="gap-section">
            <h2 id="g-states">{t('gaps.by_state')}</h2>
            <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="g-states"><table class="table">
              <thead><tr><th scope="col">{t('need.category')}</th>{states.map((s) => <th scope="col" key={s}>{t(`state.${s}`)}</th>)}</tr></thead>
              <tbody>{rows.map((c) => <tr key={c.category}><th scope="row">{catLabel(c.category)}</th>{states.map((s) => <Cell key={s} v={(c.referrals || {})[s] ?? 0} />)}</tr>)}</tbody>
            </table></div>
          </section>

          {weeklyFlat.length ? (
            <Section id="g-weekly" title={t('gaps.weekly')}
              note={weeklyFlat.length > 13 ? t('gaps.weekly_note', { weeks: weeklyFlat.length }) : null}
              chart={<Chart label={t('gaps.weekly')} deps={[url, L]} build={(Plot, width) => Plot.plot({ width, x: { label: null, type: 'utc' }, y: { label: t('gaps.count'), grid: true }, color: { legend: true, scheme: 'dark2' },
                marks: [Plot.lineY(weeklyLong, { x: 'at', y: 'value', stroke: 'key' }), ...(weeklyFlat.length <= 26 ? [Plot.dot(weeklyLong, { x: 'at', y: 'value', fill: 'key' })] : [])] })} />}
              tall>
              <table class="table sticky-head">
                <thead><tr><th scope="col">{t('gaps.week')}</th>{weeklyKeys.map((k) => <th scope="col" key={k}>{label('gaps_key', k)}</th>)}</tr></thead>
                <tbody>{weeklyFlat.map((w) => <tr key={w[weekKey]}><th scope="row">{w[weekKey]}</th>{weeklyKeys.map((k) => <Cell key={k} v={w[k]} />)}</tr>)}</tbody>
              </table>
            </Section>
          ) : null}

          {terrRows.length ? (
            <Section id="g-territories" title={t('gaps.territories')}
              chart={<Chart label={t('gaps.territories')} data={toLong(terrRows, 'territory', terrKeys.slice(0, 1)).filter((d) => d.value > 0)} deps={[url, L]} build={(Plot, width) => Plot.plot({ width, marginLeft: 130, x: { label: label('gaps_key', terrKeys[0]), grid: true }, y: { label: null },
                marks: [Plot.barX(toLong(terrRows, 'territory', terrKeys.slice(0, 1)), { x: 'value', y: 'territory', fill: '#1d4e89' }), Plot.ruleX([0])] })} />}>
              <table class="table">
                <thead><tr><th scope="col">{t('gaps.territory')}</th>{terrKeys.map((k) => <th scope="col" key={k}>{label('gaps_key', k)}</th>)}</tr></thead>
                <tbody>{terrRows.map((r, i) => <tr key={i}><th scope="row">{r.territory}</th>{terrKeys.map((k) => <Cell key={k} v={r[k]} />)}</tr>)}</tbody>
              </table>
            </Section>
          ) : null}

          {groupRows.length ? (
            <Section id="g-groups" title={t('gaps.groups', { by: label('gaps_by', data.by) })}
              chart={<Chart label={t('gaps.groups', { by: label('gaps_by', data.by) })} deps={[url, L]} build={(Plot, width) => Plot.plot({ width, marginLeft: 90, x: { label: t('gaps.demand'), grid: true }, y: { label: null }, color: { legend: true, scheme: 'tableau10' },
                marks: [Plot.barX(toLong(groupRows, 'group', groupCats).map((d) => ({ ...d, key: catLabel(d.key) })), { x: 'value', y: 'group', fill: 'key' })] })} />}>
              <table class="table">
                <thead><tr><th scope="col">{label('gaps_by', data.by)}</th>{groupCats.map((c) => <th scope="col" key={c}>{catLabel(c)}</th>)}</tr></thead>
                <tbody>{groupRows.map((r) => <tr key={r.group}><th scope="row">{r.group}</th>{groupCats.map((c) => <Cell key={c} v={r[c] ?? 0} />)}</tr>)}</tbody>
              </table>
            </Section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
