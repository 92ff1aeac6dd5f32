# JupyterHub for a small coaching practice: one server, each coach a local account, each
# coach's session app running as that coach, with their clients in their own home.
#
# Read README.md beside this file first. Run as root (PAM sign-in and starting each coach's
# server as that coach need it):
#
#     /opt/readiness-workbook/venv/bin/jupyterhub -f /etc/readiness-hub/jupyterhub_config.py
#
# Everything here is JupyterHub's own configuration (https://jupyterhub.readthedocs.io):
# the kit adds no server code, only CoachAuthenticator below: JupyterHub's PAM sign-in,
# asked again whether a coach is still one. The lines marked CHANGE fit it to your site.

import asyncio
import os
import pwd
import sys

from jupyterhub.auth import PAMAuthenticator

c = get_config()  # noqa: F821 -- given by JupyterHub when it reads this file

#: The virtual environment the hub runs from; the kit is installed in it too, and every
#: coach's server runs from it (README, step 2).
VENV_BIN = os.path.join(sys.prefix, "bin")
#: Where the hub keeps its own state (its database, its cookie secret). Only root reads it.
STATE = "/srv/readiness-hub"  # CHANGE if you keep state elsewhere

# --- Where people reach it: HTTPS with the organisation's certificate ----------------------
# The hub (through its proxy) is the only thing listening on the network; each coach's server
# listens on 127.0.0.1 only. The certificate and key are the organisation's (README, step 4);
# both files readable by root only.
c.JupyterHub.bind_url = "https://:443"  # CHANGE: e.g. "https://coaching.example.org:443"
c.JupyterHub.ssl_cert = "/etc/readiness-hub/tls/fullchain.pem"  # CHANGE: certificate + chain
c.JupyterHub.ssl_key = "/etc/readiness-hub/tls/privkey.pem"  # CHANGE: its private key
# Browsers remember to use HTTPS only for this site.
c.JupyterHub.tornado_settings = {
    "headers": {"Strict-Transport-Security": "max-age=31536000"},
}

# --- The hub's own state ---------------------------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{STATE}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{STATE}/jupyterhub_cookie_secret"
# The standard proxy, configurable-http-proxy, installed with npm (README, step 1).
c.ConfigurableHTTPProxy.command = ["configurable-http-proxy"]
c.ConfigurableHTTPProxy.pid_file = f"{STATE}/jupyterhub-proxy.pid"
# Stopping the hub stops every coach's server, and with it every kernel.
c.JupyterHub.cleanup_servers = True

# --- Who signs in: local accounts (PAM) in the group "coaches" -------------------------------
# A coach is a local account with a password, in the group "coaches" (README, "Add a coach").
# To use the organisation's sign-in (Microsoft Entra ID, Google, GitLab, any OpenID Connect
# provider) instead, install `oauthenticator` and set its authenticator here; the accounts
# must still exist on this machine (README, "The organisation's sign-in").


class CoachAuthenticator(PAMAuthenticator):
    """JupyterHub's PAM sign-in, checked again after sign-in, not only at it.

    PAM alone checks the group at sign-in only, and a signed-in browser stays signed in for
    as long as its cookie lasts: a coach taken out of the group could still start their
    server. Here, before every start of a coach's server and on any of their requests to the
    hub once the last check is a minute old, the hub asks again: the account still exists,
    PAM still accepts it (not expired: `usermod --expiredate 1`), and it is still in the
    group. If not, the hub refuses the start (403) and sends the browser to the sign-in page.
    """

    async def refresh_user(self, user, handler=None):
        """JupyterHub's hook: True keeps the coach signed in, False signs them out."""
        # PAM may be slow: asked in the authenticator's own threads, as at sign-in.
        ok = await asyncio.wrap_future(self.executor.submit(self.still_a_coach, user.name))
        if not ok and handler is not None and not hasattr(handler, "_token_authenticated"):
            # JupyterHub 6.1 reads this mark, which only token-signed requests carry, when a
            # refresh says no: without it a browser's request fails with "500" instead of
            # the sign-in page or "403".
            handler._token_authenticated = False
        return ok

    def still_a_coach(self, name):
        """True while ``name`` may use the hub; False (the reason logged) once not."""
        try:
            pwd.getpwnam(name)
        except KeyError:
            self.log.warning("%s no longer has an account here: signed out", name)
            return False
        if not self.check_blocked_users(name) or not self.check_allowed(name):
            self.log.warning("%s is no longer in the group %s (or is blocked): signed out",
                             name, ", ".join(sorted(self.allowed_groups)))
            return False
        if self.check_account:
            import pamela

            try:
                pamela.check_account(name, service=self.service, encoding=self.encoding)
            except pamela.PAMError as error:
                self.log.warning("%s: account refused by PAM (%s): signed out", name, error)
                return False
        return True


c.JupyterHub.authenticator_class = CoachAuthenticator
c.PAMAuthenticator.allowed_groups = {"coaches"}  # CHANGE if your group has another name
# Checked again before every start of a coach's server, and every minute while they use the
# hub (CoachAuthenticator above): a coach removed from the group, expired (`usermod
# --expiredate 1`) or deleted is refused, whatever their browser's cookie says. Strict: once
# the check fails, the hub also says no when the coach's own running server asks it who a
# browser is (a token-signed request, which JupyterHub otherwise lets through).
c.Authenticator.refresh_pre_spawn = True
c.Authenticator.auth_refresh_age = 60
c.Authenticator.auth_refresh_strict = True
# Only the group decides, never the hub's memory of who signed in before.
c.Authenticator.allow_existing_users = False
# A sign-in lasts a working day (JupyterHub's default is 14 days).
c.JupyterHub.cookie_max_age_days = 1
# No admin accounts: a JupyterHub admin could open any coach's server. The IT person works
# on the machine as root (README) and never needs the hub's admin page.
c.Authenticator.admin_users = set()
# An account removed from the machine is forgotten by the hub at its next start.
c.Authenticator.delete_invalid_users = True
# No PAM session per sign-in: not needed for a web sign-in, and it fails in many containers.
c.PAMAuthenticator.open_sessions = False

# --- Each coach's server: the session app, as that coach, from their own home ----------------
# The local-process spawner starts each coach's server as the coach's own account, in their
# home folder. The server is `workbook coach --hub`: the same Voila app as on a laptop
# (kernel ended on reload, idle kernels culled, one kernel kept ready, nothing fetched from
# the internet), at https://HOST/user/NAME/, letting in only that coach.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(VENV_BIN, "workbook"), "coach", "--hub"]
c.Spawner.args = []
c.Spawner.default_url = ""
# The coach's clients live in ~/readiness-workbook (folders 0700, files 0600, made by the kit);
# the server gets only the environment JupyterHub passes on (HOME is the coach's own), so a
# WORKBOOK_HOME set for root never reaches it.
# The first start of a coach's server imports the kit: give a slow machine time.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# --- Idle servers are stopped: jupyterhub-idle-culler ----------------------------------------
# A coach's server that has seen no use for an hour is stopped (its kernels with it); the
# next sign-in starts it again. Inside a running server, a kernel whose page is gone is ended
# within a minute already.
c.JupyterHub.load_roles = [
    {
        "name": "jupyterhub-idle-culler-role",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["jupyterhub-idle-culler-service"],
    }
]
c.JupyterHub.services = [
    {
        "name": "jupyterhub-idle-culler-service",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    "--timeout=3600", "--cull-every=300"],
    }
]
