import { describe } from '@jest/globals';
import agentPresenceTests from './agent-presence.js';
import cancelTests from './cancel.js';
import openingHoursDayExpressionTests from './opening-hours/day-expression.js';
import openingHoursDescribeHoursTests from './opening-hours/describe-hours.js';
import openingHoursLoadOpeningHoursTests from './opening-hours/load-opening-hours.js';
import openingHoursLocalTimeTests from './opening-hours/local-time.js';
import openingHoursServiceHoursTests from './opening-hours/service-hours.js';
import orderStatusHttpOrderApiTests from './order-status/http-order-api.js';
import orderStatusOrderNumberTests from './order-status/order-number.js';
import outageAskedServicesTests from './outage/asked-services.js';
import outageOutageFeedTests from './outage/outage-feed.js';
import outagePlacesPlaceMatcherTests from './outage/places/place-matcher.js';
import serviceRouterTests from './service-router.js';
import turnLanguageTests from './turn-language.js';

/**
 * The dialogs' parts tested on their own (no whole bot), each in its own file and describe block. They run as one jest file so that
 * their modules load once for all of them instead of once per file (most of a small file's cost in jest's ESM mode).
 */
describe('agent-presence', agentPresenceTests);
describe('cancel', cancelTests);
describe('opening-hours/day-expression', openingHoursDayExpressionTests);
describe('opening-hours/describe-hours', openingHoursDescribeHoursTests);
describe('opening-hours/load-opening-hours', openingHoursLoadOpeningHoursTests);
describe('opening-hours/local-time', openingHoursLocalTimeTests);
describe('opening-hours/service-hours', openingHoursServiceHoursTests);
describe('order-status/http-order-api', orderStatusHttpOrderApiTests);
describe('order-status/order-number', orderStatusOrderNumberTests);
describe('outage/asked-services', outageAskedServicesTests);
describe('outage/outage-feed', outageOutageFeedTests);
describe('outage/places/place-matcher', outagePlacesPlaceMatcherTests);
describe('service-router', serviceRouterTests);
describe('turn-language', turnLanguageTests);
