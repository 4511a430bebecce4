// SPDX-License-Identifier: Apache-2.0
#include "ops/envfile.h"

#include "ops/failure.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <optional>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

struct Assignment
{
    QString key;
    QString value;
};

QString unquote(const QString &value)
{
    if (value.size() >= 2 && value.front() == u'\'' && value.back() == u'\'')
        return value.mid(1, value.size() - 2);
    if (value.size() >= 2 && value.front() == u'"' && value.back() == u'"') {
        QString text;
        const QString inner = value.mid(1, value.size() - 2);
        for (qsizetype i = 0; i < inner.size(); ++i) {
            if (inner[i] == u'\\' && i + 1 < inner.size())
                ++i;
            text.append(inner[i]);
        }
        return text;
    }
    return value;
}

//! The assignment on one line, or nothing for blank lines and comments.
std::optional<Assignment> parseLine(const QString &line)
{
    const QString trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(u';'))
        return std::nullopt;
    const qsizetype equals = trimmed.indexOf(u'=');
    if (equals <= 0)
        return std::nullopt;
    return Assignment{trimmed.left(equals).trimmed(), unquote(trimmed.mid(equals + 1).trimmed())};
}

Result<QStringList> readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return failure(u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return QString::fromUtf8(file.readAll()).split(u'\n');
}

} // namespace

Result<QProcessEnvironment> EnvFile::read(const QString &path)
{
    auto lines = readLines(path);
    if (!lines)
        return lines.error();
    QProcessEnvironment env;
    for (const QString &line : lines.value()) {
        if (const auto assignment = parseLine(line))
            env.insert(assignment->key, assignment->value);
    }
    return env;
}

Result<QProcessEnvironment> EnvFile::merged(const QProcessEnvironment &base, const QString &path)
{
    auto file = read(path);
    if (!file)
        return file.error();
    QProcessEnvironment env = base;
    const QStringList keys = file->keys();
    for (const QString &key : keys) {
        if (!env.contains(key))
            env.insert(key, file->value(key));
    }
    return env;
}

Status EnvFile::set(const QString &path, const QString &key, const QString &value)
{
    auto lines = readLines(path);
    if (!lines)
        return lines.error();
    QStringList text = lines.value();
    if (!text.isEmpty() && text.back().isEmpty())
        text.removeLast();
    const QString assignment = key + u'=' + value;
    bool replaced = false;
    for (QString &line : text) {
        const auto parsed = parseLine(line);
        if (parsed && parsed->key == key) {
            line = assignment;
            replaced = true;
            break;
        }
    }
    if (!replaced)
        text.append(assignment);

    struct stat before
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &before) != 0)
        return failure(u"cannot stat %1"_s.arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return failure(u"cannot write %1: %2"_s.arg(path, file.errorString()));
    file.write((text.join(u'\n') + u'\n').toUtf8());
    // QSaveFile writes a new file: give it the old one's mode and owner before it replaces it,
    // so a secret never sits in a world-readable file, not even for a moment.
    if (::fchmod(file.handle(), before.st_mode & 07777) != 0 ||
        ::fchown(file.handle(), before.st_uid, before.st_gid) != 0) {
        file.cancelWriting();
        return failure(u"cannot keep the owner and mode of %1"_s.arg(path));
    }
    if (!file.commit())
        return failure(u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return Done{};
}

} // namespace natter::server::ops
