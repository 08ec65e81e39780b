// Renders /openapi.json for people; "Try it out" calls the bridge itself.
window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#api", deepLinking: true });
