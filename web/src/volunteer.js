// volunteer.js - the signed-in person's volunteer record, asked once per
// session: the registered one when the person volunteers for several orgs.
// Kept by the service worker for offline use; a copy from it is asked again
// on the next call, so it does not outlive the return of the network.
import { get, keepSavedAt } from './api.js';

let cached = null;

export function myVolunteer(user) {
  if (!cached || cached.personId !== user.person_id) {
    const promise = user.person_id
      ? get('/volunteers?person_id=' + user.person_id, { offline: true }).then((list) => {
          const v = list.items.find((x) => x.stage === 'registered') || list.items[0];
          return v ? keepSavedAt(list, { ...v }) : null;
        })
      : Promise.resolve(null);
    const entry = { personId: user.person_id, promise };
    cached = entry;
    const forget = () => cached === entry && (cached = null);
    promise.then((v) => v && v.savedAt && forget(), forget);
  }
  return cached.promise;
}

export const forgetVolunteer = () => (cached = null);
