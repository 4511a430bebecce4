// SPDX-License-Identifier: Apache-2.0
// docs/openapi.yaml and docs/api.md must describe every route the server registers: the
// server is built in-process (no database needed to construct it) and its router asked.
#include "config.h"
#include "server.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::server;

namespace {

QByteArray readDoc(const QString &relative)
{
    QFile file(qEnvironmentVariable("NATTER_SOURCE_DIR") + u"/docs/"_s + relative);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

//! `METHOD /path` for every operation under `paths:`; relies on the file's layout (paths at
//! two spaces, methods at four), which its header comment states.
QSet<QString> openApiOperations(const QByteArray &yaml)
{
    static const QRegularExpression pathLine(u"^  (/\\S*):\\s*$"_s);
    static const QRegularExpression methodLine(u"^    (get|put|post|delete|patch|head|options):"_s);
    QSet<QString> operations;
    QString currentPath;
    bool inPaths = false;
    const QList<QByteArray> lines = yaml.split('\n');
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw);
        if (!line.startsWith(u' ') && !line.isEmpty() && !line.startsWith(u'#'))
            inPaths = line.startsWith(u"paths:"_s);
        if (!inPaths)
            continue;
        if (auto match = pathLine.match(line); match.hasMatch())
            currentPath = match.captured(1);
        else if (auto method = methodLine.match(line); method.hasMatch() && !currentPath.isEmpty())
            operations.insert(method.captured(1).toUpper() + u' ' + currentPath);
    }
    return operations;
}

} // namespace

class TestApiDocs : public QObject
{
    Q_OBJECT

    QStringList m_routes;

private Q_SLOTS:
    void initTestCase()
    {
        Config config;
        config.databaseUrl = u"postgres://nobody@127.0.0.1:1/none"_s;
        config.jwtSigningKey = "a-signing-key-that-is-at-least-32-bytes"_ba;
        config.dbPoolSize = 1;
        Server server(config);
        m_routes = server.routes();
        QVERIFY(m_routes.size() > 10);
    }

    void everyRouteIsInTheOpenApiFile()
    {
        const QByteArray yaml = readDoc(u"openapi.yaml"_s);
        QVERIFY2(!yaml.isEmpty(), "docs/openapi.yaml is missing");
        const QSet<QString> documented = openApiOperations(yaml);
        QVERIFY(documented.size() > 10);
        QStringList missing;
        for (const QString &route : std::as_const(m_routes)) {
            if (!documented.contains(route))
                missing.append(route);
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(u"served but not in docs/openapi.yaml: "_s + missing.join(u", "_s)));
    }

    void everyRouteIsInApiMd()
    {
        const QByteArray markdown = readDoc(u"api.md"_s);
        QVERIFY2(!markdown.isEmpty(), "docs/api.md is missing");
        QStringList missing;
        for (const QString &route : std::as_const(m_routes)) {
            // Written as `METHOD /path` in a heading or list item.
            if (!markdown.contains(u"`%1`"_s.arg(route).toUtf8()))
                missing.append(route);
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(u"served but not in docs/api.md: "_s + missing.join(u", "_s)));
    }

    void theCheckCanFail()
    {
        // A test that cannot fail is a defect: a route absent from a file must be reported.
        const QSet<QString> operations = openApiOperations(
            "paths:\n  /a:\n    get:\n      x: 1\ncomponents:\n  /b:\n    get:\n");
        QCOMPARE(operations, QSet<QString>{u"GET /a"_s});
    }
};

QTEST_GUILESS_MAIN(TestApiDocs)
#include "tst_apidocs.moc"
