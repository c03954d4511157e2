// routes_cal.js - calendars: activities and shifts, clients' plans and their
// visits (see routes.js for the fields of a route).
export const calRoutes = [];
