// SPDX-License-Identifier: Apache-2.0
// The doctor's checks of this machine: its clock against others, and room for uploads.
#include "ops/doctor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStorageInfo>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

constexpr double kFailSkewSeconds = 30;
constexpr double kWarnSkewSeconds = 5;
constexpr qint64 kGiB = 1024LL * 1024 * 1024;
constexpr qint64 kFailFreeBytes = 1 * kGiB;
constexpr qint64 kWarnFreeBytes = 5 * kGiB;
const QString kServiceUser = u"natter"_s;

//! "yes"/"no" from systemd-timesyncd (or chrony) through timedatectl; empty when unknown.
QString timeSynchronized()
{
    QProcess process;
    process.start(u"timedatectl"_s, {u"show"_s, u"--property=NTPSynchronized"_s, u"--value"_s});
    if (!process.waitForFinished(3000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

QString gib(qint64 bytes)
{
    return QString::number(double(bytes) / double(kGiB), 'f', 1) + u" GiB"_s;
}

CheckResult clock(const DoctorFindings &found)
{
    const QString name = u"clock"_s;
    const QString fix = u"turn on time synchronisation: `timedatectl set-ntp true` (or install "
                        "chrony); sign-in tokens and provider ID tokens carry times"_s;
    const QString synchronized = timeSynchronized();
    const ClockReading *worst = nullptr;
    for (const ClockReading &reading : found.clock) {
        if (!worst || std::abs(reading.skewSeconds) > std::abs(worst->skewSeconds))
            worst = &reading;
    }
    if (!worst && synchronized.isEmpty())
        return {name, Outcome::Skip, u"nothing to compare with"_s, {}};
    QStringList sources;
    for (const ClockReading &reading : found.clock)
        sources.append(reading.source);
    sources.removeDuplicates();
    if (worst && std::abs(worst->skewSeconds) > kWarnSkewSeconds)
        return {name,
                std::abs(worst->skewSeconds) > kFailSkewSeconds ? Outcome::Fail : Outcome::Warn,
                // A positive skew: the other machine's clock reads later than ours.
                u"this machine's clock is %1 s %2 %3"_s.arg(
                    QString::number(std::abs(worst->skewSeconds), 'f', 1),
                    worst->skewSeconds > 0 ? u"behind"_s : u"ahead of"_s, worst->source),
                fix};
    if (synchronized == "no"_L1)
        return {name, Outcome::Warn, u"not synchronised (timedatectl)"_s, fix};
    return {name,
            Outcome::Pass,
            worst
                ? u"within %1 s of %2"_s.arg(QString::number(std::abs(worst->skewSeconds), 'f', 1),
                                             sources.join(u", "_s))
                : u"synchronised (timedatectl)"_s,
            {}};
}

//! The service writes here as `natter`; a root-owned folder would refuse its uploads.
std::optional<QString> notWritableByService(const QString &dir)
{
    if (::geteuid() != 0)
        return QFileInfo(dir).isWritable() ? std::nullopt
                                           : std::optional<QString>(u"not writable by us"_s);
    const passwd *service = ::getpwnam(kServiceUser.toLatin1().constData());
    struct stat info
    {
    };
    if (!service || ::stat(QFile::encodeName(dir).constData(), &info) != 0)
        return std::nullopt;
    if (info.st_uid != service->pw_uid)
        return u"owned by uid %1, not by %2"_s.arg(QString::number(info.st_uid), kServiceUser);
    return std::nullopt;
}

CheckResult disk(const DoctorInput &input)
{
    const QString name = u"disk space for uploads"_s;
    const QString dir = input.env.value(u"NATTER_DATA_DIR"_s, u".data"_s);
    if (!QFileInfo(dir).isDir())
        return {name, Outcome::Fail, u"NATTER_DATA_DIR %1 does not exist"_s.arg(dir),
                u"create it for the service: install -d -o natter -g natter -m 0750 %1"_s.arg(dir)};
    if (const auto problem = notWritableByService(dir))
        return {name, Outcome::Fail, u"%1 is %2"_s.arg(dir, *problem),
                u"chown -R natter:natter %1"_s.arg(dir)};
    const QStorageInfo storage(dir);
    const qint64 free = storage.bytesAvailable();
    const QString detail =
        u"%1 free of %2 on %3"_s.arg(gib(free), gib(storage.bytesTotal()), storage.rootPath());
    const QString fix = u"free space on %1 or grow the volume (uploads, backups and PostgreSQL "
                        "share it)"_s.arg(storage.rootPath());
    if (free < kFailFreeBytes)
        return {name, Outcome::Fail, detail, fix};
    if (free < kWarnFreeBytes)
        return {name, Outcome::Warn, detail, fix};
    return {name, Outcome::Pass, detail, {}};
}

} // namespace

QList<CheckResult> checkHost(const DoctorInput &input, const DoctorFindings &found)
{
    return {clock(found), disk(input)};
}

} // namespace natter::server::ops
