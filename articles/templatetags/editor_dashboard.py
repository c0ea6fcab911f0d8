from django import template

from articles.dashboard import dashboard_for

register = template.Library()


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def editor_dashboard(context):
    """The editor dashboard for the admin index (see ``articles.dashboard``)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    sections = dashboard_for(user) if user is not None and user.is_active and user.is_staff else {}
    return {"dashboard": sections}
