import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Shown } from '../../lib/api.ts';
import { languages, type Language } from '../../lib/i18n.ts';
import { useApiQuery } from '../../lib/query.ts';
import type { ParticipantSchedule } from '#shared/api/coaching.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, formatDate } from '../../ui/ui.tsx';
import { SelectField } from '../../ui/form/fields.tsx';
import { named, weekdayName } from './texts.ts';

type Schedule = { groups: Array<Shown<NonNullable<ParticipantSchedule['groups']>[number]>> };

/** A clock time as people write it: 9.00 in Finnish and Swedish, 9:00 in English. */
function clock(minutesOfDay: number, language: string) {
  const hours = Math.floor(minutesOfDay / 60) % 24;
  const minutes = String(minutesOfDay % 60).padStart(2, '0');
  return `${hours}${language === 'en' ? ':' : '.'}${minutes}`;
}

/**
 * The participant's own schedule to print and hand over, in plain words in the language the person
 * reads best: short sentences with the weekday, date, time, place and what happens. It carries no name,
 * not even the person's own: a paper can be lost or seen by someone the person needs to keep this from.
 */
export function OwnSchedulePage() {
  const { t, i18n } = useTranslation('coaching');
  const { participantId } = useParams();
  const schedule = useApiQuery<Schedule>(`/coaching/participants/${participantId}/schedule`);
  const [language, setLanguage] = useState<Language>(
    (languages as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'fi',
  );
  const p = i18n.getFixedT(language, 'coaching');
  return (
    <>
      <div className="no-print">
        <PageTitle>{t('ownSchedule.pageTitle')}</PageTitle>
        <p>{t('ownSchedule.pageIntro')}</p>
        <SelectField
          label={t('ownSchedule.language')}
          name="language"
          value={language}
          onChange={(event) => setLanguage(event.target.value as Language)}
          options={languages.map((code) => ({ value: code, label: t(`ownSchedule.languages.${code}`) }))}
        />
        <p className="button-group">
          <Link to={`/coaching/participants/${participantId}`}>{t('ownSchedule.back')}</Link>
          <button type="button" onClick={() => window.print()}>
            {t('attendance.print')}
          </button>
        </p>
      </div>
      <Loaded query={schedule}>
        {(shown) => (
          <section lang={language} className="own-schedule" aria-labelledby="own-schedule-heading">
            <h2 id="own-schedule-heading">{p('ownSchedule.title')}</h2>
            {shown.groups.length === 0 && <p>{p('ownSchedule.none')}</p>}
            {shown.groups.map((group) => (
              <div key={group.groupId}>
                <p>{p('ownSchedule.intro', { group: group.groupName })}</p>
                <p>{p('ownSchedule.onTime')}</p>
                <ol className="own-schedule-days">
                  {group.sessions.map((session) => {
                    const weekday = ((new Date(`${session.day ?? ''}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
                    const dayName = weekdayName(weekday, language);
                    const [hours, minutes] = (session.startsAt ?? '00:00').split(':').map(Number);
                    const start = hours * 60 + minutes;
                    const what = p(`ownSchedule.contents.${session.contentType}`, {
                      defaultValue: named(session.contentNames, language),
                    });
                    return (
                      <li key={`${session.day}-${session.startsAt}`}>
                        <h3>
                          {dayName.charAt(0).toUpperCase() + dayName.slice(1)} {formatDate(session.day ?? '', language)}
                        </h3>
                        <p>
                          {p('ownSchedule.time', { start: clock(start, language), end: clock(start + (session.minutes ?? 0), language) })}
                        </p>
                        <p>{p('ownSchedule.place', { place: session.place })}</p>
                        <p>{what}</p>
                      </li>
                    );
                  })}
                </ol>
              </div>
            ))}
          </section>
        )}
      </Loaded>
    </>
  );
}
