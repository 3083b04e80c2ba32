"""URLs of the read-only workspace admin, included at /workspace-admin/ on organisation hosts."""

from registry.workspace.admin import workspace_admin_site

urlpatterns = workspace_admin_site.get_urls()
