// SPDX-License-Identifier: Apache-2.0
// The local OAuth/OIDC provider of tests/auth as a process of its own, for the shell tests of
// `natter-server doctor`: prints the variables that point natter-server at it (one
// NAME=VALUE per line, then an empty line) and serves until it is killed.
#include "fakeprovider.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    natter::testing::FakeProvider provider;
    if (!provider.start()) {
        std::fprintf(stderr, "fakeproviderd: cannot listen\n");
        return 1;
    }
    const QProcessEnvironment env = provider.serverEnvironment();
    const QStringList keys = env.keys();
    for (const QString &key : keys)
        std::printf("%s=%s\n", qPrintable(key), qPrintable(env.value(key)));
    std::printf("\n");
    std::fflush(stdout);
    return app.exec();
}
