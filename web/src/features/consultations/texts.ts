import { useTranslation } from 'react-i18next';
import { actorTypes, consultationTopics, regions } from '#shared/codes.ts';

/** The competence centre's codes as options in the reader's language: who asked, the topic, the region. */
export function useCodeOptions() {
  const { t } = useTranslation('consultations');
  return {
    actorTypes: actorTypes.map((value) => ({ value, label: t(`recognition:actorTypes.${value}`) })),
    topics: consultationTopics.map((value) => ({ value, label: t(`topics.${value}`) })),
    regions: regions.map((value) => ({ value, label: t(`recognition:regions.${value}`) })),
  };
}
