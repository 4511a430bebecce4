// SPDX-License-Identifier: Apache-2.0
#include "ops/pgtools.h"

#include "ops/failure.h"

#include <QProcess>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {

QProcessEnvironment libpqEnvironment(const DatabaseSettings &settings, QProcessEnvironment base)
{
    // Variables the operator's shell may carry must not point the tool somewhere else.
    for (const QString &name : {u"PGSERVICE"_s, u"PGOPTIONS"_s, u"PGHOSTADDR"_s})
        base.remove(name);
    const auto set = [&base](const QString &name, const QString &value) {
        if (value.isEmpty())
            base.remove(name);
        else
            base.insert(name, value);
    };
    set(u"PGHOST"_s, settings.host);
    set(u"PGPORT"_s, QString::number(settings.port));
    set(u"PGUSER"_s, settings.user);
    set(u"PGPASSWORD"_s, settings.password);
    set(u"PGDATABASE"_s, settings.database);
    base.insert(u"PGCONNECT_TIMEOUT"_s, u"10"_s);
    base.insert(u"PGAPPNAME"_s, u"natter-ops"_s);
    return base;
}

namespace {

QString failureText(const QString &program, QProcess &process)
{
    const QString errors = QString::fromUtf8(process.readAllStandardError()).trimmed();
    return u"%1 failed: %2"_s.arg(
        program, errors.isEmpty() ? u"exit code %1"_s.arg(process.exitCode()) : errors);
}

bool succeeded(const QProcess &process)
{
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

ApiError notStarted(const QString &program, const QProcess &process)
{
    return failure(u"cannot run %1 (%2); install PostgreSQL's client tools "
                   "(apt install postgresql-client)"_s.arg(program, process.errorString()));
}

} // namespace

Result<QByteArray> runTool(const QString &program, const QStringList &arguments,
                           const QProcessEnvironment &env, const QByteArray &input)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    if (!process.waitForStarted())
        return notStarted(program, process);
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    // A dump of a large database takes as long as it takes: no timeout.
    process.waitForFinished(-1);
    if (!succeeded(process))
        return failure(failureText(program, process));
    return process.readAllStandardOutput();
}

Status runPipeline(const QString &first, const QStringList &firstArguments, const QString &second,
                   const QStringList &secondArguments, const QProcessEnvironment &env)
{
    QProcess producer;
    QProcess consumer;
    producer.setProcessEnvironment(env);
    consumer.setProcessEnvironment(env);
    producer.setStandardOutputProcess(&consumer);
    consumer.setStandardOutputFile(QProcess::nullDevice());
    consumer.start(second, secondArguments);
    if (!consumer.waitForStarted())
        return notStarted(second, consumer);
    producer.start(first, firstArguments);
    if (!producer.waitForStarted()) {
        consumer.kill();
        consumer.waitForFinished(-1);
        return notStarted(first, producer);
    }
    producer.waitForFinished(-1);
    consumer.waitForFinished(-1);
    if (!succeeded(producer))
        return failure(failureText(first, producer));
    if (!succeeded(consumer))
        return failure(failureText(second, consumer));
    return Done{};
}

} // namespace natter::server::ops
