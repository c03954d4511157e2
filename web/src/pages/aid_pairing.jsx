// aid_pairing.jsx - 定向配对: before a donor names an aided student, staff
// record who the student's guardian, family and household are, and those
// people's employers (POST/GET /people/{id}/relations), since Art. 40 of
// the Charity Law refuses a directed gift from an interested party,
// directly or through the guardian; the page also lists the gifts directed
// to the student (GET /donations?beneficiary_client_id=) and links to the
// donation form to record another. The student is kept in the URL
// (/aid/pairing?client_id=8) so the page can be reloaded or shared.
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDate, formatNumber, t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { FormError } from '../components/form.jsx';
import { SelectField, TextAreaField } from '../components/care_ui.jsx';
import { getAll } from '../components/calendar_data.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { Picker } from '../components/picker.jsx';
import { AID_ERRORS, Money, RELATION_KINDS, StatusBadge, aidErrorsFrom, label } from '../components/aid_ui.jsx';

const personName = (names, id) => names.get(id) || t('aid.person_n', { id });

/** Record that a person is the guardian, family, household or employer of
 * the student (or of one of the student's people). */
function RelationForm({ subjects, onSaved }) {
  const [v, setV] = useState({ of: String(subjects[0][0]), person_id: '', kind: 'guardian', note: '' });
  const [picked, setPicked] = useState(null);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const submit = async (e) => {
    e.preventDefault();
    const pid = Number(v.person_id);
    if (!Number.isInteger(pid) || pid <= 0) return setErrors({ person_id: t('aid.error.person_id') });
    setBusy(true);
    setErrors({});
    try {
      const body = { person_id: pid, kind: v.kind };
      if (v.note.trim()) body.note = v.note.trim();
      const r = await post(`/people/${v.of}/relations`, body);
      setV({ ...v, person_id: '', note: '' });
      setPicked(null);
      onSaved(r, picked && picked.id === pid ? picked.name : null);
    } catch (err) {
      setErrors(aidErrorsFrom(err, ['person_id', 'kind', 'note'], { ...AID_ERRORS, duplicate: 'aid.error.relation_duplicate' }));
    } finally {
      setBusy(false);
    }
  };
  const ofName = (subjects.find(([id]) => String(id) === v.of) || [0, ''])[1];
  return (
    <section class="card" aria-labelledby="h-rel-new">
      <h2 id="h-rel-new">{t('aid.relation_new')}</h2>
      <p class="muted small">{t('aid.relation_hint')}</p>
      <form onSubmit={submit} aria-label={t('aid.relation_new')} data-testid="relation-form">
        <FormError text={errors._form} />
        {subjects.length > 1 && <SelectField name="of" label={t('aid.relation_of')} value={v.of} onChange={set('of')} options={subjects.map(([id, n]) => [String(id), n])} />}
        {/* the person by name, not by number (issue 18) */}
        <Picker
          kind="person"
          name="person_id"
          label={t('aid.person_id')}
          hint={t('aid.person_id_hint')}
          value={v.person_id}
          onChange={(id, p) => {
            setPicked(p);
            setV((o) => ({ ...o, person_id: id }));
          }}
          error={errors.person_id}
        />
        <SelectField
          name="kind"
          label={t('aid.relation_kind', { name: ofName })}
          value={v.kind}
          onChange={set('kind')}
          error={errors.kind}
          options={RELATION_KINDS.map((k) => [k, t('aid.relation.' + k)])}
        />
        <TextAreaField name="note" label={t('aid.note')} value={v.note} onInput={set('note')} error={errors.note} rows={2} maxLength={500} />
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('aid.relation_save')}
        </button>
      </form>
    </section>
  );
}

function StudentPanel({ client }) {
  const pid = client.person_id;
  const [saved, setSaved] = useState(null);
  const [state, , load] = useLoad(async () => {
    const [rels, gifts, funds] = await Promise.all([
      getAll(`/people/${pid}/relations`),
      getAll(`/donations?beneficiary_client_id=${client.id}`),
      getAll('/funds').catch(() => []),
    ]);
    // one level further: the relations of the student's people (a guardian's employer)
    const people = [...new Set(rels.map((r) => r.person_id))];
    const second = (await Promise.all(people.map((p) => getAll(`/people/${p}/relations`).catch(() => [])))).flat();
    const ids = [...new Set([...people, ...second.map((r) => r.person_id)])];
    const found = await Promise.all(ids.map((p) => get(`/people/${p}`).catch(() => null)));
    const names = new Map([[pid, client.person_name], ...ids.map((p, i) => [p, found[i] && found[i].name]).filter(([, n]) => n)]);
    return { rels, second, gifts, funds, names };
  }, [client.id]);
  const wait = pending(state, load);
  if (wait) return wait;
  const { rels, second, gifts, funds, names } = state;
  const subjects = [[pid, t('aid.the_student', { name: client.person_name })], ...[...new Set(rels.map((r) => r.person_id))].map((p) => [p, personName(names, p)])];
  const fundName = (id) => (funds.find((f) => f.id === id) || {}).name || t('aid.fund_n', { id });
  const all = [...rels, ...second];
  return (
    <>
      <section class="card" aria-labelledby="h-rels">
        <h2 id="h-rels">{t('aid.relations')}</h2>
        {saved && (
          <p class="status" role="status">
            {saved}
          </p>
        )}
        {all.length === 0 ? (
          <p class="muted">{t('aid.relations_none')}</p>
        ) : (
          <ul class="list" data-testid="relations">
            {all.map((r) => (
              <li key={r.id} class="list-item" data-relation={r.id}>
                <div class="list-main">
                  <span>
                    {t('aid.relation_sentence', {
                      person: personName(names, r.person_id),
                      kind: label('aid.relation.', r.kind),
                      of: r.of_person_id === pid ? t('aid.the_student_short') : personName(names, r.of_person_id),
                    })}
                  </span>
                  <span class="muted small">
                    {formatDate(r.created_at)}
                    {r.note ? ' · ' + r.note : ''}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <RelationForm
        key={subjects.length}
        subjects={subjects}
        onSaved={(r, name) => {
          setSaved(t('aid.relation_saved', { person: name || t('aid.person_n', { id: r.person_id }), kind: label('aid.relation.', r.kind) }));
          load(true);
        }}
      />
      <section class="card" aria-labelledby="h-directed">
        <h2 id="h-directed">{t('aid.directed_gifts')}</h2>
        <p class="muted small">{t('aid.directed_hint')}</p>
        {gifts.length === 0 ? (
          <p class="muted">{t('aid.directed_none')}</p>
        ) : (
          <ul class="list" data-testid="directed-gifts">
            {gifts.map((g) => (
              <li key={g.id} class="list-item">
                <div class="list-main">
                  <strong>
                    <Money fen={g.amount_fen} /> <StatusBadge prefix="aid.gift_status." value={g.status} />
                  </strong>
                  <span class="small">
                    {g.donor_name || t('aid.anonymous')} · {fundName(g.fund_id)}
                  </span>
                  <span class="muted small">
                    {g.received_on} · {label('aid.channel.', g.channel)}
                    {g.receipt_no ? ' · ' + t('aid.receipt_no', { no: g.receipt_no }) : ''}
                  </span>
                </div>
                <Link class="btn btn-quiet" href={`/donations/${g.id}`}>
                  {t('aid.open')}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link class="btn" href={`/donations/new?beneficiary_client_id=${client.id}`} data-testid="new-directed">
            {t('aid.directed_new')}
          </Link>
        </p>
      </section>
    </>
  );
}

export function AidPairing() {
  const [clientId, setClientId] = useState(queryParam('client_id') || '');
  const [state, , load] = useLoad(async () => ({ students: await getAll('/clients?category=student_aid') }));
  const wait = pending(state, load);
  if (wait) return wait;
  const students = state.students.filter((c) => c.case_stage !== 'closure' || String(c.id) === clientId);
  const chosen = students.find((c) => String(c.id) === clientId);
  const choose = (id) => {
    setClientId(id);
    navigate('/aid/pairing' + (id ? '?client_id=' + id : ''), true);
  };
  return (
    <div class="stack">
      <h1>{t('aid.pairing_title')}</h1>
      <p class="muted small">{t('aid.pairing_intro')}</p>
      <section class="card" aria-labelledby="h-students">
        <h2 id="h-students">{t('aid.students')}</h2>
        {students.length === 0 ? (
          <p class="muted">{t('aid.students_none')}</p>
        ) : (
          <SelectField
            name="client_id"
            label={t('aid.student')}
            hint={t('aid.students_count', { n: formatNumber(students.length) })}
            value={clientId}
            onChange={choose}
            placeholder={t('aid.choose_student')}
            options={students.map((c) => [String(c.id), `${c.person_name || t('aid.client_n', { id: c.id })} · ${label('aid.stage.', c.school_stage) || t('aid.no_stage')}`])}
          />
        )}
        {chosen && (
          <p class="small" data-testid="student">
            <strong>{chosen.person_name}</strong> · {label('aid.stage.', chosen.school_stage) || t('aid.no_stage')} · {label('aid.case_stage.', chosen.case_stage)}
          </p>
        )}
      </section>
      {chosen && chosen.person_id && <StudentPanel key={chosen.id} client={chosen} />}
    </div>
  );
}
