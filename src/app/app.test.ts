import { describe, expect, it, vi } from 'vitest';
import { loadDemoPlaces } from '../content/demo-places';
import { QUESTIONNAIRE } from '../content/questionnaire';
import { QuestionnaireError } from '../domain/questionnaire-flow';
import { NONE } from '../domain/questionnaire';
import { openMemoryStorage } from '../storage/open-storage';
import { readPlacesMeta } from '../storage/places';
import { StorageError } from '../storage/errors';
import { ensurePlacesDataset, fetchShippedPlaces } from './places-dataset';
import { beginSession, changeSessionLanguage, eraseSessions } from './sessions';
import { latestSession } from '../storage/sessions';
import { applyTries, finishSession, goBack, recordAnswer, resumeSession, sessionPosition } from './questionnaire-session';
import { allNotTaken, TRY_IDS, type TryOutcome } from '../domain/tries';
import { buildBatches } from '../domain/aggregate';
import type { Session } from '../domain/session';
import { mayApplyUpdate } from './update-gate';

const clockAt = (iso: string) => () => new Date(iso);

describe('session use cases', () => {
  it('saves a new session at once, so that it can be resumed', async () => {
    const storage = openMemoryStorage('unavailable');
    const deps = { storage, now: clockAt('2026-11-29T09:00:00Z'), newId: () => 'id-1' };
    const { session, saved } = await beginSession(deps, { language: 'tr', mode: 'kiosk', questionnaire: QUESTIONNAIRE });
    expect(saved).toEqual({ ok: true });
    expect(await latestSession(deps.storage)).toEqual(session);
  });

  it('keeps the session in memory and says why when the device is full', async () => {
    const storage = openMemoryStorage('unavailable');
    vi.spyOn(storage.sessions, 'put').mockRejectedValue(new StorageError('quota', 'sessions'));
    const deps = { storage, now: clockAt('2026-11-29T09:00:00Z'), newId: () => 'id-2' };
    const { session, saved } = await beginSession(deps, { language: 'fr', mode: 'kiosk', questionnaire: QUESTIONNAIRE });
    expect(saved).toEqual({ ok: false, reason: 'quota' });
    expect(session.id).toBe('id-2');
  });

  it('rethrows what is not a storage failure (a bug must not pass for a full disk)', async () => {
    const storage = openMemoryStorage('unavailable');
    vi.spyOn(storage.sessions, 'put').mockRejectedValue(new TypeError('bug'));
    const deps = { storage, now: clockAt('2026-11-29T09:00:00Z'), newId: () => 'id-3' };
    await expect(beginSession(deps, { language: 'fr', mode: 'kiosk', questionnaire: QUESTIONNAIRE })).rejects.toThrow('bug');
  });

  it('records a language change, and erasing leaves nothing to resume', async () => {
    const storage = openMemoryStorage('unavailable');
    const deps = { storage, now: clockAt('2026-11-29T09:00:00Z'), newId: () => 'id-4' };
    const { session } = await beginSession(deps, { language: 'fr', mode: 'guided', questionnaire: QUESTIONNAIRE });
    const later = { ...deps, now: clockAt('2026-11-29T09:02:00Z') };
    await changeSessionLanguage(later, session, 'ar');
    expect((await latestSession(deps.storage))?.language).toBe('ar');
    expect(await eraseSessions(deps)).toEqual({ ok: true });
    expect(await latestSession(deps.storage)).toBeUndefined();
  });
});

describe('answers and resuming', () => {
  const deps = () => ({ storage: openMemoryStorage('unavailable'), now: clockAt('2026-11-29T09:00:00Z'), newId: () => 'id-5' });

  it('autosaves every answer, so a reload resumes at the next question', async () => {
    const d = deps();
    const { session } = await beginSession(d, { language: 'fr', mode: 'kiosk', questionnaire: QUESTIONNAIRE });
    const first = await recordAnswer(d, QUESTIONNAIRE, session, 'devices', ['smartphone', 'homeInternet']);
    const second = await recordAnswer(d, QUESTIONNAIRE, first.session, 'screenDifficulty', NONE);
    expect(second.saved).toEqual({ ok: true });
    expect((await latestSession(d.storage))?.answers).toEqual({ devices: ['smartphone', 'homeInternet'], screenDifficulty: NONE });
  });

  it('refuses an answer the questionnaire cannot take, and saves nothing', async () => {
    const d = deps();
    const { session } = await beginSession(d, { language: 'fr', mode: 'kiosk', questionnaire: QUESTIONNAIRE });
    await expect(recordAnswer(d, QUESTIONNAIRE, session, 'devices', ['jetpack'])).rejects.toBeInstanceOf(QuestionnaireError);
    await expect(recordAnswer(d, QUESTIONNAIRE, session, 'skills.safety', [])).rejects.toMatchObject({ code: 'notOnPath' });
    expect((await latestSession(d.storage))?.answers).toEqual({});
  });

  it('a session saved by an older questionnaire version resumes on the new one, keeping what still fits', async () => {
    // given a session saved before an update, with an answer to a question that no longer exists
    const d = deps();
    const { session } = await beginSession(d, { language: 'uk', mode: 'kiosk', questionnaire: QUESTIONNAIRE });
    await d.storage.sessions.put({
      ...session,
      questionnaireVersion: '0',
      answers: { devices: ['tablet'], favouriteColour: 'blue', internetUse: 'sometimes' },
    });
    // when the app starts on the new version
    const resumed = await resumeSession(d, QUESTIONNAIRE, (await latestSession(d.storage))!);
    // then the old answers that fit are kept, the rest dropped, and the session is saved on the new version
    expect(resumed?.questionnaireVersion).toBe(QUESTIONNAIRE.version);
    expect(resumed?.answers).toEqual({ devices: ['tablet'] });
    expect((await d.storage.sessions.get(session.id))?.questionnaireVersion).toBe(QUESTIONNAIRE.version);
  });
});

describe('a questionnaire-1 session in progress when version 2 ships', () => {
  const deps = () => ({ storage: openMemoryStorage('unavailable'), now: clockAt('2026-12-02T09:00:00Z'), newId: () => 'id-v1' });
  const resumeV1 = async (answers: Record<string, unknown>) => {
    const d = deps();
    const { session } = await beginSession(d, { language: 'fr', mode: 'kiosk', questionnaire: QUESTIONNAIRE });
    await d.storage.sessions.put({ ...session, questionnaireVersion: '1', cursor: 'skills.safety', answers: answers as never });
    const resumed = (await resumeSession(d, QUESTIONNAIRE, (await latestSession(d.storage))!))!;
    return { resumed, position: sessionPosition(QUESTIONNAIRE, resumed) };
  };

  it('goes on at the first question it has no valid answer for, keeping the answers that still fit', async () => {
    const { resumed, position } = await resumeV1({
      devices: ['smartphone', 'homeInternet'],
      screenDifficulty: ['sight'],
      internetUse: 'everyDay',
      'skills.information': ['news', 'health'],
      // an empty v1 tick list is not an answer on v2 (it now needs "none of these"): asked again
      'skills.communication': [],
      // a v1 option that v2 split in two: asked again
      'skills.safety': ['limitedTracking'],
    });
    expect(resumed.questionnaireVersion).toBe('2');
    expect(resumed.answers).toEqual({
      devices: ['smartphone', 'homeInternet'],
      screenDifficulty: ['sight'],
      internetUse: 'everyDay',
      'skills.information': ['news', 'health'],
    });
    expect(position).toMatchObject({ kind: 'question', question: { id: 'skills.communication' } });
  });

  it('asks the internet-use question again when the v1 answer no longer exists', async () => {
    const { resumed, position } = await resumeV1({ devices: ['computer'], screenDifficulty: ['hands'], internetUse: 'notInLast3Months' });
    expect(resumed.answers).not.toHaveProperty('internetUse');
    // v2 asks whether the price blocks home internet to someone with a device and no box, a screen v1 did not show here
    expect(position).toMatchObject({ kind: 'question', question: { id: 'costBarrier' } });
  });
});

describe('mayApplyUpdate', () => {
  it('applies an update on the welcome screen only, and never over unsaved input', () => {
    expect(mayApplyUpdate({ screen: 'welcome', hasUnsavedInput: false })).toBe(true);
    expect(mayApplyUpdate({ screen: 'welcome', hasUnsavedInput: true })).toBe(false);
    expect(mayApplyUpdate({ screen: 'questionnaire', hasUnsavedInput: false })).toBe(false);
    expect(mayApplyUpdate({ screen: 'mediator', hasUnsavedInput: false })).toBe(false);
  });
});

describe('ensurePlacesDataset', () => {
  const noShipped = async () => null;

  it('gives a new device the fictional demo places, marked as fictional', async () => {
    const storage = openMemoryStorage('unavailable');
    expect(await ensurePlacesDataset({ storage, loadShipped: noShipped, loadDemo: loadDemoPlaces })).toEqual({ ok: true });
    const meta = await readPlacesMeta(storage);
    expect(meta?.fictional).toBe(true);
    expect(await storage.places.count()).toBe(meta?.count);
    expect((await storage.places.getAll()).every((p) => p.name.includes('fictif'))).toBe(true);
  });

  it('keeps a dataset already on the device', async () => {
    const storage = openMemoryStorage('unavailable');
    const real = { ...(await loadDemoPlaces()).meta, source: 'national', fictional: false, count: 0 };
    await storage.replacePlaces(real, []);
    const loadDemo = vi.fn(loadDemoPlaces);
    const shipped = vi.fn(async () => ({ meta: { ...real, source: 'shipped' }, places: [] }));
    expect(await ensurePlacesDataset({ storage, loadShipped: shipped, loadDemo })).toBe('kept');
    expect(loadDemo).not.toHaveBeenCalled();
    expect(shipped).not.toHaveBeenCalled();
    expect((await readPlacesMeta(storage))?.source).toBe('national');
  });

  it('replaces the demo with the dataset shipped with the build, and keeps the demo when there is none', async () => {
    const storage = openMemoryStorage('unavailable');
    await ensurePlacesDataset({ storage, loadShipped: noShipped, loadDemo: loadDemoPlaces });
    expect(await ensurePlacesDataset({ storage, loadShipped: noShipped, loadDemo: loadDemoPlaces })).toBe('kept');
    const demo = await loadDemoPlaces();
    const shipped = { meta: { ...demo.meta, source: 'Mednum BFC', fictional: false, count: 1 }, places: [demo.places[0]!] };
    expect(await ensurePlacesDataset({ storage, loadShipped: async () => shipped, loadDemo: loadDemoPlaces })).toEqual({ ok: true });
    expect(await readPlacesMeta(storage)).toMatchObject({ source: 'Mednum BFC', fictional: false });
    expect(await storage.places.count()).toBe(1);
  });

  it('reads the shipped dataset only when the server has one', async () => {
    const demo = await loadDemoPlaces();
    const json = (body: unknown, status = 200, type = 'application/json') =>
      (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } })) as unknown as typeof fetch;
    expect(await fetchShippedPlaces(json(demo))).toMatchObject({ meta: { source: 'demo' } });
    expect(await fetchShippedPlaces(json({}, 404))).toBeNull();
    // the app shell answers unknown paths with index.html: not a dataset
    expect(await fetchShippedPlaces(json('<html>', 200, 'text/html'))).toBeNull();
    expect(await fetchShippedPlaces(json({ hello: 'world' }))).toBeNull();
  });
});

describe('going back and the result', () => {
  const deps = () => {
    let n = 0;
    return { storage: openMemoryStorage('unavailable'), now: clockAt('2026-11-29T09:00:00Z'), newId: () => `id-${(n += 1)}` };
  };
  const answerAll = async (d: ReturnType<typeof deps>) => {
    let { session } = await beginSession(d, { language: 'fr', mode: 'kiosk', questionnaire: QUESTIONNAIRE });
    for (;;) {
      const position = sessionPosition(QUESTIONNAIRE, session);
      if (position.kind === 'result') return session;
      if (position.kind === 'tries') {
        session = applyTries(QUESTIONNAIRE, session, allNotTaken(session.tries, 'skipped'), d.now());
        continue;
      }
      const q = position.question;
      const value = q.kind === 'multipleChoice' ? (q.explicitNone ? NONE : [q.options[0]!.id]) : q.options[q.options.length - 1]!.id;
      session = (await recordAnswer(d, QUESTIONNAIRE, session, q.id, value)).session;
    }
  };

  it('goes back from the result to the last question, then to the first, then out', async () => {
    const d = deps();
    let session = await answerAll(d);
    const moved = await goBack(d, QUESTIONNAIRE, session);
    expect(moved?.session.cursor).toBe('ageBand');
    session = moved!.session;
    for (let guard = 0; guard < 30; guard += 1) {
      const back = await goBack(d, QUESTIONNAIRE, session);
      if (!back) break;
      session = back.session;
    }
    expect(session.cursor).toBe('devices');
    expect(await goBack(d, QUESTIONNAIRE, session)).toBeNull();
  });

  it('keeps the finished result once, however often the result is shown, and never the answers', async () => {
    const d = deps();
    const session = await answerAll(d);
    const first = await finishSession(d, QUESTIONNAIRE, session);
    const again = await finishSession(d, QUESTIONNAIRE, first.session);
    expect(again.session.resultId).toBe(first.session.resultId);
    const kept = await d.storage.results.getAll();
    expect(kept).toHaveLength(1);
    expect(kept[0]!.id).not.toBe(session.id);
    expect(Object.keys(kept[0]!)).not.toContain('answers');
    expect(JSON.stringify(kept[0])).not.toMatch(/screenDifficulty|Surdité|Illettrisme/);
    expect(kept[0]!.distanceLevel).toBe(first.profile.distanceLevel);
  });

  it('a crash between saving the session and the result still keeps the result once', async () => {
    const d = deps();
    const session = await answerAll(d);
    const put = d.storage.results.put.bind(d.storage.results);
    d.storage.results.put = async () => {
      throw new StorageError('unknown', 'results');
    };
    const failed = await finishSession(d, QUESTIONNAIRE, session);
    expect(failed.saved).toEqual({ ok: false, reason: 'unknown' });
    d.storage.results.put = put;
    await finishSession(d, QUESTIONNAIRE, failed.session);
    expect(await d.storage.results.count()).toBe(1);
  });
});

describe('the hands-on tries in a session', () => {
  const deps = () => {
    let n = 0;
    return { storage: openMemoryStorage('unavailable'), now: clockAt('2026-12-07T09:00:00Z'), newId: () => `id-${(n += 1)}` };
  };
  const skippedTry: TryOutcome = { status: 'notTaken', reason: 'skipped' };
  const touchDone: TryOutcome = {
    status: 'done',
    record: { kind: 'touch', targets: [20, 12, 8].map((sizeMm) => ({ sizeMm, reached: true, misses: 0 })), durationMs: 8_000 },
  };
  /** A smartphone owner with a box at home, up to the internet-use question. */
  const toInternetUse = async (d: ReturnType<typeof deps>) => {
    let { session } = await beginSession(d, { language: 'fr', mode: 'kiosk', questionnaire: QUESTIONNAIRE });
    session = (await recordAnswer(d, QUESTIONNAIRE, session, 'devices', ['smartphone', 'homeInternet'])).session;
    session = (await recordAnswer(d, QUESTIONNAIRE, session, 'screenDifficulty', NONE)).session;
    return session;
  };
  const questionId = (session: Session) => {
    const position = sessionPosition(QUESTIONNAIRE, session);
    return position.kind === 'question' ? position.question.id : position.kind;
  };

  it('come right after the internet use for a daily user, four of them (no icons), then the skill screens', async () => {
    const d = deps();
    let session = await toInternetUse(d);
    session = (await recordAnswer(d, QUESTIONNAIRE, session, 'internetUse', 'everyDay')).session;
    expect(sessionPosition(QUESTIONNAIRE, session)).toEqual({ kind: 'tries', next: 'touch', offered: ['touch', 'scroll', 'write', 'scam'] });
    session = applyTries(QUESTIONNAIRE, session, { touch: touchDone }, d.now());
    expect(sessionPosition(QUESTIONNAIRE, session)).toMatchObject({ kind: 'tries', next: 'scroll' });
    session = applyTries(QUESTIONNAIRE, session, allNotTaken(session.tries, 'skipped', ['touch', 'scroll', 'write', 'scam']), d.now());
    expect(questionId(session)).toBe('skills.information');
    expect(session.tries?.touch).toEqual(touchDone);
    expect(TRY_IDS.filter((id) => session.tries?.[id]?.status === 'notTaken')).toEqual(['scroll', 'write', 'scam']);
    expect(session.tries?.icons).toBeUndefined();
  });

  it('come after the apps check for someone who has not been online lately, with the icons', async () => {
    const d = deps();
    let session = await toInternetUse(d);
    session = (await recordAnswer(d, QUESTIONNAIRE, session, 'internetUse', 'never')).session;
    expect(questionId(session)).toBe('usesApps');
    session = (await recordAnswer(d, QUESTIONNAIRE, session, 'usesApps', 'no')).session;
    expect(sessionPosition(QUESTIONNAIRE, session)).toEqual({ kind: 'tries', next: 'touch', offered: [...TRY_IDS] });
    session = applyTries(QUESTIONNAIRE, session, allNotTaken(session.tries, 'skipped'), d.now());
    expect(questionId(session)).toBe('proceduresHow');
  });

  it('a reload in the middle of the tries comes back to the first try not recorded, the others kept', async () => {
    const d = deps();
    let session = await toInternetUse(d);
    session = (await recordAnswer(d, QUESTIONNAIRE, session, 'internetUse', 'everyWeek')).session;
    session = applyTries(QUESTIONNAIRE, session, { touch: touchDone, scroll: skippedTry }, d.now());
    await d.storage.sessions.put(session);
    const stored = await latestSession(d.storage);
    const resumed = await resumeSession(d, QUESTIONNAIRE, stored!);
    expect(sessionPosition(QUESTIONNAIRE, resumed)).toMatchObject({ kind: 'tries', next: 'write' });
    expect(resumed.tries).toEqual({ touch: touchDone, scroll: skippedTry });
  });

  it('the finished result keeps the tries as score categories only (no time, no tap), and the batch counts them', async () => {
    const d = deps();
    let session = await toInternetUse(d);
    session = (await recordAnswer(d, QUESTIONNAIRE, session, 'internetUse', 'everyDay')).session;
    // The 8 mm target missed, the rest skipped.
    const missedSmall: TryOutcome = {
      status: 'done',
      record: { kind: 'touch', targets: [20, 12, 8].map((sizeMm) => ({ sizeMm, reached: sizeMm > 8, misses: sizeMm > 8 ? 0 : 3 })), durationMs: 14_000 },
    };
    session = applyTries(QUESTIONNAIRE, session, { ...allNotTaken(undefined, 'skipped', ['scroll', 'write', 'scam']), touch: missedSmall }, d.now());
    for (let position = sessionPosition(QUESTIONNAIRE, session); position.kind === 'question'; position = sessionPosition(QUESTIONNAIRE, session)) {
      const q = position.question;
      // Every skill ticked: a self-report of above basic skills.
      const value = q.kind === 'multipleChoice' ? (q.explicitNone ? q.options.filter((o) => o.id !== NONE).map((o) => o.id) : [q.options[0]!.id]) : q.options[0]!.id;
      session = (await recordAnswer(d, QUESTIONNAIRE, session, q.id, value)).session;
    }
    const { profile } = await finishSession(d, QUESTIONNAIRE, session);
    const [kept] = await d.storage.results.getAll();
    expect(['basic', 'aboveBasic']).toContain(profile.dsi.overall);
    // Did one handling try of three: "partly taken"; said basic skills or above and missed a target: in the gap.
    expect(kept!.observed).toEqual({ handling: 'partlyTaken', scam: 'notTaken', icons: 'notTaken', selfReportGap: true });
    expect(JSON.stringify(kept)).not.toMatch(/durationMs|misses|targets/);
    const { batches } = buildBatches({
      results: Array.from({ length: 5 }, (_, i) => ({ ...kept!, id: `r${i}` })),
      territory: { level: 'commune', code: '25056' },
      k: 5,
      appVersion: 'test',
      now: new Date('2026-12-21T09:00:00Z'),
      newId: () => '9b2e4f1a-6c3d-4e7b-8a51-0f2c9d8e7b64',
    });
    expect(batches[0]!.batch).toMatchObject({ format: 3, counts: { observed: { handling: { partlyTaken: 5 }, selfReportGap: 5 } } });
  });

  it('"Retour" from the tries goes to the question before them; once settled, they are not offered again', async () => {
    const d = deps();
    let session = await toInternetUse(d);
    session = (await recordAnswer(d, QUESTIONNAIRE, session, 'internetUse', 'never')).session;
    session = (await recordAnswer(d, QUESTIONNAIRE, session, 'usesApps', 'no')).session;
    const back = await goBack(d, QUESTIONNAIRE, session);
    expect(questionId(back!.session)).toBe('usesApps');
    // not settled yet: answering again brings the tries back
    session = (await recordAnswer(d, QUESTIONNAIRE, back!.session, 'usesApps', 'no')).session;
    expect(questionId(session)).toBe('tries');
    session = applyTries(QUESTIONNAIRE, session, allNotTaken(session.tries, 'skipped'), d.now());
    expect(questionId(session)).toBe('proceduresHow');
    // back to the internet use, now "every week": no apps check, the tries settled, the skill screens come
    const atApps = await goBack(d, QUESTIONNAIRE, session);
    const atUse = await goBack(d, QUESTIONNAIRE, atApps!.session);
    expect(questionId(atUse!.session)).toBe('internetUse');
    session = (await recordAnswer(d, QUESTIONNAIRE, atUse!.session, 'internetUse', 'everyWeek')).session;
    expect(questionId(session)).toBe('skills.information');
  });

  it('a cursor on the tries with every try settled (an older copy of the session) goes on to the questions, never stuck', async () => {
    const d = deps();
    let session = await toInternetUse(d);
    session = (await recordAnswer(d, QUESTIONNAIRE, session, 'internetUse', 'everyDay')).session;
    const stale = { ...session, tries: allNotTaken(undefined, 'interrupted') };
    expect(questionId(stale)).toBe('skills.information');
  });
});
