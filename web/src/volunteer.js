// volunteer.js - the signed-in person's volunteer record, asked once per
// session: the registered one when the person volunteers for several orgs.
import { get } from './api.js';

let cached = null;

export function myVolunteer(user) {
  if (!cached || cached.personId !== user.person_id) {
    const promise = user.person_id
      ? get('/volunteers?person_id=' + user.person_id).then(({ items }) => items.find((v) => v.stage === 'registered') || items[0] || null)
      : Promise.resolve(null);
    cached = { personId: user.person_id, promise };
    promise.catch(() => (cached = null));
  }
  return cached.promise;
}

export const forgetVolunteer = () => (cached = null);
