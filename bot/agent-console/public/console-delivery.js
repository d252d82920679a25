// What became of each agent message, as the case's reply events keep it: delivered to the customer's
// chat, seen by them, not connected (and then emailed or not), or handed to a channel that reports
// nothing back. Never "Sent" for something nobody received. Text goes in with textContent only.
(function () {
  'use strict';

  /** The key of the console string for a delivery; `channelId` names the channel that took it. */
  function keyOf(delivery, channelId) {
    if (delivery.seenAt) return 'delivery_seen';
    if (delivery.stream === 'delivered') return 'delivery_delivered';
    if (delivery.stream === 'not_connected') {
      if (delivery.emailedAt) return 'delivery_emailed';
      if (delivery.emailFailed) return 'delivery_email_failed';
      return 'delivery_not_connected';
    }
    return channelId === 'facebook' ? 'delivery_messenger' : 'delivery_channel';
  }

  function label(delivery, channelId, t) {
    return t[keyOf(delivery, channelId)].replace('{channel}', channelId);
  }

  /** The line under an agent message: its state as text, with the failure's reason as a tooltip. */
  function badge(delivery, channelId, t) {
    var key = keyOf(delivery, channelId);
    var node = document.createElement('p');
    node.className = 'delivery ' + key.replace('delivery_', 'delivery-');
    node.textContent = label(delivery, channelId, t);
    if (delivery.emailFailed) node.title = delivery.emailFailed;
    return node;
  }

  /** The state of the case's newest reply, for the note shown after sending (undefined without one). */
  function latestOf(detail, t) {
    var events = (detail && detail.events) || [];
    for (var i = events.length - 1; i >= 0; i--) {
      if (events[i].event === 'replied' && events[i].delivery) return label(events[i].delivery, detail.channelId, t);
    }
    return undefined;
  }

  /** The customer's email step in the summary, e.g. "ma•••@example.fi – confirmed; …": replies to them while away are emailed. */
  function emailStep(email, t) {
    var step = t['email_' + email.step] || email.step;
    return email.addressHint ? email.addressHint + ' – ' + step : step;
  }

  window.VastaaDelivery = { badge: badge, latestOf: latestOf, emailStep: emailStep };
})();
