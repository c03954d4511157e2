// routes_voice.js - volunteer and resident voice (issue 15): a volunteer
// rates the shifts they served, surveys are built, sent and read by staff,
// and filled in by the people they were sent to (see routes.js for the
// fields).
import { lazyModule } from './lazy.jsx';
import { ORGANISE, STAFF } from './routes_staff.js';

const { ActivityFeedback, MyPastShifts } = lazyModule(() => import('./pages/voice_shifts.jsx'), ['voice']);
const { SurveyBuilder, SurveyList, SurveyResults } = lazyModule(() => import('./pages/voice_surveys.jsx'), ['sup', 'voice']);
const { MySurveys, SurveyFill } = lazyModule(() => import('./pages/voice_fill.jsx'), ['voice']);

const VOLUNTEER = ['volunteer'];
const RESPONDENTS = ['volunteer', 'resident'];

export const voiceRoutes = [
  { path: '/my/shifts', page: MyPastShifts, group: 'mine', roles: VOLUNTEER, nav: 'voice.nav.my_shifts' },
  { path: '/my/surveys', page: MySurveys, group: 'mine', nav: 'voice.nav.my_surveys', navRoles: RESPONDENTS },
  { path: '/surveys/fill', page: SurveyFill },
  { path: '/surveys', page: SurveyList, group: 'service', roles: STAFF, nav: 'voice.nav.surveys' },
  { path: '/surveys/new', page: SurveyBuilder, parent: '/surveys', roles: ORGANISE },
  { path: '/surveys/edit', page: SurveyBuilder, parent: '/surveys', roles: ORGANISE },
  { path: '/surveys/results', page: SurveyResults, parent: '/surveys', roles: STAFF },
  { path: '/activities/feedback', page: ActivityFeedback, parent: '/activities', roles: STAFF },
];
