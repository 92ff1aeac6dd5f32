"""deploy/jupyterhub/jupyterhub_config.py's sign-in: checked again after sign-in, not only at it.

A coach taken out of the group, whose account is expired or deleted, is signed out at the next
check (before every start of their server, and every minute of use): fast checks of the
config's own authenticator, with the accounts, groups and PAM answered by the test (the
end-to-end test, test_hub_e2e.py, removes a real signed-in coach from a real group).
"""

import asyncio
import concurrent.futures
import grp
import pwd
from types import SimpleNamespace

import pytest
from traitlets.config import Config

from tests.hub.conftest import DEPLOY_CONFIG

pytest.importorskip("jupyterhub",
                    reason="JupyterHub is a test dependency: pip install -e '.[test]'")
pamela = pytest.importorskip("pamela", reason="JupyterHub's PAM sign-in needs pamela")

COACHES_GID = 4242
ACCOUNTS = {"ann": 1001, "bo": 1002}  # name -> the gid of their own group


def _run(coro):
    """Run a coroutine in a thread of its own: the browser tests' Playwright (sync API) leaves
    an event loop running in this thread when they share a pytest session, and asyncio.run
    refuses to start inside a running loop."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def deploy_config() -> Config:
    """The practice's configuration, read as JupyterHub reads it."""
    config = Config()
    namespace = {"get_config": lambda: config, "__file__": str(DEPLOY_CONFIG)}
    exec(compile(DEPLOY_CONFIG.read_text(encoding="utf-8"), str(DEPLOY_CONFIG), "exec"),
         namespace)
    return config


@pytest.fixture
def system(monkeypatch):
    """Accounts, the group "coaches" (ann is in it, bo is not) and PAM, as the test says."""
    accounts = dict(ACCOUNTS)
    members = {"ann": {1001, COACHES_GID}, "bo": {1002}}
    refused = set()

    def getpwnam(name):
        if name not in accounts:
            raise KeyError(f"getpwnam(): name not found: '{name}'")
        return SimpleNamespace(pw_name=name, pw_gid=accounts[name])

    def getgrnam(name):
        if name != "coaches":
            raise KeyError(name)
        return SimpleNamespace(gr_name=name, gr_gid=COACHES_GID)

    def check_account(name, service="login", encoding="utf-8"):
        if name in refused:
            raise pamela.PAMError("User account has expired", 13)

    monkeypatch.setattr(pwd, "getpwnam", getpwnam)
    monkeypatch.setattr(grp, "getgrnam", getgrnam)
    monkeypatch.setattr(pamela, "check_account", check_account)
    config = deploy_config()
    auth = config.JupyterHub.authenticator_class(config=config)
    auth._getpwnam = getpwnam
    auth._getgrnam = getgrnam
    auth._getgrouplist = lambda name, gid: sorted(members[name])
    return SimpleNamespace(auth=auth, accounts=accounts, members=members, refused=refused)


def still_in(auth, name) -> bool:
    return _run(auth.refresh_user(SimpleNamespace(name=name)))


def test_a_coach_in_the_group_stays_signed_in(system):
    assert still_in(system.auth, "ann") is True


def test_a_coach_taken_out_of_the_group_is_signed_out(system):
    system.members["ann"].discard(COACHES_GID)  # gpasswd --delete ann coaches
    assert still_in(system.auth, "ann") is False


def test_an_account_never_in_the_group_is_signed_out(system):
    assert still_in(system.auth, "bo") is False


def test_an_expired_account_is_signed_out(system):
    system.refused.add("ann")  # usermod --lock --expiredate 1 ann: PAM's account check refuses
    assert still_in(system.auth, "ann") is False


def test_a_deleted_account_is_signed_out(system):
    del system.accounts["ann"]  # userdel ann (the hub not yet restarted)
    assert still_in(system.auth, "ann") is False


def test_a_blocked_coach_is_signed_out(system):
    system.auth.blocked_users = {"ann"}
    assert still_in(system.auth, "ann") is False


def test_the_hub_asks_before_every_start_and_every_minute():
    config = deploy_config()
    assert config.Authenticator.refresh_pre_spawn is True  # before every start of a server
    assert config.Authenticator.auth_refresh_age == 60  # seconds, on requests to the hub
    assert config.Authenticator.auth_refresh_strict is True  # the coach's own server too
    assert config.Authenticator.allow_existing_users is False  # the group decides, not the db
    assert config.JupyterHub.cookie_max_age_days == 1  # a sign-in lasts a day, not 14
    assert config.PAMAuthenticator.allowed_groups == {"coaches"}


def test_a_browser_refused_gets_the_sign_in_page_not_an_error(system):
    # JupyterHub 6.1 reads handler._token_authenticated when a refresh says no; a browser's
    # request (signed by its cookie) does not carry it, and without it the refusal was a 500.
    browser_request = SimpleNamespace()
    system.members["ann"].discard(COACHES_GID)
    assert _run(system.auth.refresh_user(SimpleNamespace(name="ann"),
                                                browser_request)) is False
    assert browser_request._token_authenticated is False
    api_request = SimpleNamespace(_token_authenticated=True)
    _run(system.auth.refresh_user(SimpleNamespace(name="ann"), api_request))
    assert api_request._token_authenticated is True
