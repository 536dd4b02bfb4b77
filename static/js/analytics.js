// Web analytics, loaded only on pages rendered after the visitor said yes to statistics
// (the server decides; without that yes neither this file nor the tag is in the page).
(function () {
  "use strict";
  var me = document.currentScript;
  var id = me && me.getAttribute("data-analytics-id");
  var marketing = me && me.getAttribute("data-marketing") === "granted" ? "granted" : "denied";
  window.dataLayer = window.dataLayer || [];
  function gtag() { window.dataLayer.push(arguments); }
  gtag("consent", "default", {
    analytics_storage: "granted", ad_storage: marketing, ad_user_data: marketing, ad_personalization: marketing
  });
  gtag("js", new Date());
  if (id) { gtag("config", id, { anonymize_ip: true }); }
})();
